using System.Globalization;
using System.Threading.Channels;
using UsageSchema.Cli.Input;
using UsageSchema.Outbox;
using UsageSchema.Outbox.Dispatch;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// Delivers through the durable outbox in one pass over the input: records are written to the
/// outbox in batches (each one transaction) as they are read, while the dispatcher drains the outbox
/// for this service at the same time (this run's records and whatever an earlier, interrupted run
/// left). The reader waits while more than <see cref="MaxOpen"/> of this run's entries are undelivered
/// and a pass is sending, so memory does not depend on the input's size. A record the outbox already
/// delivered is not sent again, so running the same file twice, or again after a kill, sends exactly
/// what was not delivered. What became of this run's records is learnt from the enqueue results and
/// the dispatcher's outcomes (<see cref="RunLedger"/>), never by listing the outbox.
/// </summary>
/// <param name="outbox">The outbox (owned by the caller).</param>
/// <param name="outboxName">How to name the outbox in messages (no secret).</param>
/// <param name="connection">The clients.</param>
/// <param name="service">The service.</param>
/// <param name="options">How the outbox is drained.</param>
/// <param name="showProgress">Whether to show progress on standard error.</param>
internal sealed class OutboxDelivery(IUsageOutbox outbox, string outboxName, ServiceConnection connection, UsageApi service, OutboxDispatcherOptions options, bool showProgress) : IUsageDelivery
{
    /// <summary>Records per enqueue transaction: large enough to be fast, small enough that a kill loses little work.</summary>
    internal const int EnqueueBatch = 5_000;

    /// <summary>This run's undelivered entries above which the reader waits for the dispatcher.</summary>
    internal const int MaxOpen = 50_000;

    /// <summary>How many entries are read to find the reasons of entries an earlier run had rejected.</summary>
    private const int RejectedReasonsRead = 10_000;

    private readonly RunLedger _ledger = new();
    // A signal that entries were written: at most one pending, as one pass takes all there are.
    private readonly Channel<bool> _work = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<EnqueueOutcome, int> _outcomes = [];
    private volatile bool _readerDone;
    private volatile bool _passRunning;
    private int _claimed;
    private int _delivered;
    private int _rejected;
    private int _released;
    private string? _stoppedBy;

    public async Task DeliverAsync(IAsyncEnumerable<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(report);
        var abandoned = await outbox.ReleaseAbandonedClaimsAsync(cancellationToken).ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var dispatching = DispatchAsync(cancellationToken);
        var batch = new List<InputRecord>(EnqueueBatch);
        try
        {
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                report.Records++;
                batch.Add(record);
                if (batch.Count == EnqueueBatch)
                {
                    await EnqueueAsync(batch, report, dispatching, cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                    Progress(report, clock);
                }
            }

            if (batch.Count > 0)
            {
                await EnqueueAsync(batch, report, dispatching, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _readerDone = true;
            _work.Writer.TryWrite(true);
        }

        await dispatching.ConfigureAwait(false);
        await ReportRejectedBeforeAsync(report, cancellationToken).ConfigureAwait(false);
        foreach (var rejection in _ledger.TakeRejections())
        {
            report.Reject(rejection);
        }

        report.Responses.Add(Describe(_outcomes));
        if (abandoned > 0)
        {
            report.Responses.Add(Count(abandoned) + " entries held by a sender that ended without recording an outcome were released and sent again");
        }

        report.Responses.Add(OutboxFlush.Describe(new DispatchReport(_claimed, _delivered, _rejected, _released, _stoppedBy)));
        var waiting = _ledger.Open;
        report.Accepted = _ledger.Delivered;
        if (waiting > 0)
        {
            var lastError = _stoppedBy ?? _ledger.LastFailure ?? "the service did not answer";
            report.ServiceError = $"{Count(waiting)} record(s) are not delivered yet and stay in the outbox {outboxName} (run send again, or 'usage-schema outbox flush'): {lastError}";
        }

        if (showProgress)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{UsageApiNames.Of(service)}: {report.Records:N0} records read, {_ledger.Delivered:N0} delivered, in {clock.Elapsed.TotalSeconds:N1} s")).ConfigureAwait(false);
        }
    }

    private async Task EnqueueAsync(List<InputRecord> batch, DeliveryReport report, Task dispatching, CancellationToken cancellationToken)
    {
        // Back-pressure: while a pass is sending and this run has many entries waiting, let it catch up.
        while (_passRunning && !dispatching.IsCompleted && _ledger.Open > MaxOpen)
        {
            await Task.WhenAny(dispatching, Task.Delay(20, cancellationToken)).ConfigureAwait(false);
        }

        var results = await outbox.EnqueueAsync(batch.Select(record => OutboxItem.For(record.Record)), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            _ledger.Enqueued(results[i].Id, batch[i].Location, results[i].Outcome);
            _outcomes[results[i].Outcome] = _outcomes.GetValueOrDefault(results[i].Outcome) + 1;
        }

        foreach (var rejection in _ledger.TakeRejections())
        {
            report.Reject(rejection);
        }

        _work.Writer.TryWrite(true);
    }

    /// <summary>
    /// Passes over the outbox while the input is read: a pass runs until nothing is left to claim, then
    /// the next waits for more entries; the pass that starts after the last entry was written is the
    /// last. A pass stopped by the service, or one that made no progress at all (the service is down),
    /// ends the sending for this run: the rest is still written to the outbox, for a later run.
    /// </summary>
    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var dispatcher = OutboxFlush.Dispatcher(new ObservedOutbox(outbox, _ledger), connection, service, options);
        try
        {
            while (true)
            {
                var last = _readerDone;
                _passRunning = true;
                DispatchReport pass;
                try
                {
                    pass = await dispatcher.DispatchAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _passRunning = false;
                }

                _claimed += pass.Claimed;
                _delivered += pass.Delivered;
                _rejected += pass.Rejected;
                _released += pass.Released;
                if (pass.StoppedBy is not null || (pass.Claimed > 0 && pass.Delivered + pass.Rejected == 0))
                {
                    _stoppedBy = pass.StoppedBy;
                    return;
                }

                if (last)
                {
                    return;
                }

                if (pass.Claimed == 0)
                {
                    await _work.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Nothing more is sent in this run: only the number of what still waits is reported.
            _ledger.StopTracking();
        }
    }

    /// <summary>The reasons of the entries an earlier run had rejected: read from the rejected entries (a bounded number), the only read of the outbox's contents.</summary>
    private async Task ReportRejectedBeforeAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        if (_ledger.RejectedBefore.Count == 0)
        {
            return;
        }

        var reasons = (await outbox.ListAsync(new OutboxQuery(OutboxState.Rejected, service, RejectedReasonsRead), cancellationToken).ConfigureAwait(false))
            .ToDictionary(entry => entry.Id, entry => entry.LastError);
        foreach (var (id, location) in _ledger.RejectedBefore)
        {
            report.Reject(new DeliveryRejection(location, null, reasons.TryGetValue(id, out var reason) ? "rejected before: " + (reason ?? "rejected") : "rejected before (see 'usage-schema outbox list --state rejected')"));
        }
    }

    private void Progress(DeliveryReport report, System.Diagnostics.Stopwatch clock)
    {
        if (showProgress && report.Records % 100_000 == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{UsageApiNames.Of(service)}: {report.Records:N0} records read, {_ledger.Delivered:N0} delivered, {report.Records / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} records/s"));
        }
    }

    private static string Describe(Dictionary<EnqueueOutcome, int> outcomes)
    {
        int Of(EnqueueOutcome outcome) => outcomes.GetValueOrDefault(outcome);
        return $"outbox: {Count(Of(EnqueueOutcome.Added))} added, {Count(Of(EnqueueOutcome.Replaced))} replaced (last wins), "
            + $"{Count(Of(EnqueueOutcome.AlreadyQueued))} already waiting (identical), {Count(Of(EnqueueOutcome.AlreadyDelivered))} delivered before (not sent again), "
            + $"{Count(Of(EnqueueOutcome.AlreadyRejected))} rejected before";
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
