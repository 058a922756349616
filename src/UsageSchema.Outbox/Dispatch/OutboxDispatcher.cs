using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus.Client;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>Settings of an <see cref="OutboxDispatcher"/>.</summary>
public sealed class OutboxDispatcherOptions
{
    /// <summary>
    /// Entries claimed at a time (the AMIE sender packs them into requests of its own size limit).
    /// Default 5,000: a claim and its marks are a commit each, one fsync, so the batch sets how many a
    /// send pays (at 500, two fsyncs per 500 records capped a send through the outbox at a few tens of
    /// thousands of records/s on a disk whose fsync takes a few milliseconds).
    /// </summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>How long a claim holds; longer than one batch can take with the clients' retries. Default 10 minutes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a released entry waits before it can be claimed again, unless the service asked for longer (<c>Retry-After</c>). Default zero.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How often the leases of a batch in flight are renewed (for another <see cref="Lease"/>), so a send
    /// that takes longer than the lease (slow service, the clients' retries) is not claimed by another
    /// sender meanwhile. Default: a third of <see cref="Lease"/>.
    /// </summary>
    public TimeSpan? LeaseRenewal { get; set; }

    /// <summary>
    /// How many batches in a row may end with nothing delivered or rejected before the pass gives up on
    /// an API. One such batch is often a blip (a dropped connection, a garbled answer after the clients'
    /// own retries); several in a row mean the service is down. Default 3.
    /// </summary>
    public int MaxBatchesWithoutProgress { get; set; } = 3;
}

/// <summary>What one <see cref="OutboxDispatcher.DispatchAsync(CancellationToken)"/> pass did.</summary>
/// <param name="Claimed">Entries claimed (an entry retried within the pass counts again).</param>
/// <param name="Delivered">Entries marked delivered.</param>
/// <param name="Rejected">Entries marked rejected.</param>
/// <param name="Released">Entries released back to pending.</param>
/// <param name="StoppedBy">Why the pass stopped sending before the outbox was drained (credentials refused, wrong URL, an unexpected answer); null when it did not.</param>
public sealed record DispatchReport(int Claimed, int Delivered, int Rejected, int Released, string? StoppedBy = null);

/// <summary>
/// Drains an outbox through the production clients. A pass claims batches per API (only APIs with a
/// client) and records each entry's outcome; it ends when nothing is left to claim, or after
/// <see cref="OutboxDispatcherOptions.MaxBatchesWithoutProgress"/> batches in a row that made no
/// progress (everything released), so a service that is down ends the pass instead of spinning.
/// Run passes again (e.g. <c>outbox flush</c>) to retry what was released.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly IUsageOutbox _outbox;
    private readonly OutboxDispatcherOptions _options;
    private readonly List<IApiDispatch> _dispatches = [];

    /// <summary>Creates a dispatcher; pass null for an API not to send its entries.</summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="amie">The AMIE sender (e.g. <see cref="AmieUsageSender"/>).</param>
    /// <param name="perseus">The PERSEUS client (e.g. <see cref="PerseusUsageClient"/>).</param>
    /// <param name="gateway">The gateway attributes client (e.g. <see cref="GatewayAttributesClient"/>).</param>
    /// <param name="options">The settings; defaults when null.</param>
    public OutboxDispatcher(IUsageOutbox outbox, IAmieUsageSender? amie, IPerseusUsageClient? perseus, IGatewayAttributesClient? gateway, OutboxDispatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _outbox = outbox;
        _options = options ?? new OutboxDispatcherOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxBatchesWithoutProgress);
        if (amie is not null)
        {
            _dispatches.Add(new AmieDispatch(amie));
        }

        if (perseus is not null)
        {
            _dispatches.Add(new PerseusDispatch(perseus));
        }

        if (gateway is not null)
        {
            _dispatches.Add(new GatewayDispatch(gateway));
        }
    }

    /// <summary>Runs one pass over the outbox.</summary>
    /// <param name="cancellationToken">Cancels the pass; claimed entries not yet marked are released.</param>
    public Task<DispatchReport> DispatchAsync(CancellationToken cancellationToken = default) => DispatchAsync(null, cancellationToken);

    /// <summary>Runs one pass over the outbox, reporting the running totals after every batch.</summary>
    /// <param name="progress">Receives the totals so far after each batch's outcomes are recorded; may be null.</param>
    /// <param name="cancellationToken">Cancels the pass; claimed entries not yet marked are released.</param>
    public async Task<DispatchReport> DispatchAsync(IProgress<DispatchReport>? progress, CancellationToken cancellationToken = default)
    {
        int claimed = 0, delivered = 0, rejected = 0, released = 0;
        string? stoppedBy = null;
        foreach (var dispatch in _dispatches)
        {
            var stalled = 0;
            while (true)
            {
                var batch = await _outbox.ClaimAsync(_options.BatchSize, _options.Lease, dispatch.Api, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                claimed += batch.Count;
                IReadOnlyList<EntryOutcome> outcomes;
                using (var renewal = new LeaseRenewal(_outbox, batch, _options.Lease, _options.LeaseRenewal ?? _options.Lease / 3))
                {
                    try
                    {
                        outcomes = await dispatch.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception)
                    {
                        // Cancellation or a bug: give the batch back now instead of waiting for the lease.
                        await renewal.StopAsync().ConfigureAwait(false);
                        await _outbox.ReleaseAsync(batch.Select(entry => entry.Id), "Sending was interrupted: " + exception.Message, _options.RetryDelay, CancellationToken.None).ConfigureAwait(false);
                        throw;
                    }

                    await renewal.StopAsync().ConfigureAwait(false);
                }

                var (d, r, l) = await ApplyAsync(batch, outcomes).ConfigureAwait(false);
                delivered += d;
                rejected += r;
                released += l;
                OutboxMetrics.Outcomes(dispatch.Api, d, r, l);
                var stop = outcomes.FirstOrDefault(outcome => outcome.StopsPass);
                if (stop is not null)
                {
                    stoppedBy ??= $"{OutboxNames.Of(dispatch.Api)}: {stop.Reason}";
                }

                progress?.Report(new DispatchReport(claimed, delivered, rejected, released, stoppedBy));
                stalled = d + r == 0 ? stalled + 1 : 0;
                if (stop is not null || stalled >= _options.MaxBatchesWithoutProgress)
                {
                    break;
                }
            }
        }

        return new DispatchReport(claimed, delivered, rejected, released, stoppedBy);
    }

    // Outcomes are recorded without the caller's token: what the service accepted must be written down.
    private async Task<(int Delivered, int Rejected, int Released)> ApplyAsync(IReadOnlyList<OutboxEntry> batch, IReadOnlyList<EntryOutcome> outcomes)
    {
        // The last outcome reported for an id wins.
        var byId = new Dictionary<long, EntryOutcome>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            byId[outcome.Id] = outcome;
        }

        var deliveredIds = new List<long>(batch.Count);
        var releasedByReason = new Dictionary<(string Reason, TimeSpan Delay), List<long>>();
        var rejected = 0;
        foreach (var entry in batch)
        {
            var outcome = byId.GetValueOrDefault(entry.Id) ?? EntryOutcome.Released(entry.Id, "No outcome was reported for the entry.");
            switch (outcome.Kind)
            {
                case EntryOutcomeKind.Delivered:
                    deliveredIds.Add(entry.Id);
                    break;
                case EntryOutcomeKind.Rejected:
                    rejected += await _outbox.MarkRejectedAsync(entry.Id, outcome.Reason ?? "rejected", CancellationToken.None).ConfigureAwait(false) ? 1 : 0;
                    break;
                default:
                    // The service's Retry-After wins over the configured delay when it is longer.
                    var key = (outcome.Reason ?? "transient failure", outcome.RetryAfter is { } asked && asked > _options.RetryDelay ? asked : _options.RetryDelay);
                    if (!releasedByReason.TryGetValue(key, out var ids))
                    {
                        releasedByReason[key] = ids = [];
                    }

                    ids.Add(entry.Id);
                    break;
            }
        }

        var delivered = deliveredIds.Count == 0 ? 0 : await _outbox.MarkDeliveredAsync(deliveredIds, CancellationToken.None).ConfigureAwait(false);
        var released = 0;
        foreach (var ((reason, delay), ids) in releasedByReason)
        {
            released += await _outbox.ReleaseAsync(ids, reason, delay, CancellationToken.None).ConfigureAwait(false);
        }

        return (delivered, rejected, released);
    }
}
