using System.Diagnostics;
using UsageSchema.DependencyInjection;
using UsageSchema.Errors;

namespace UsageSchema.Amie.Sending;

public sealed partial class AmieUsageSender
{
    /// <summary>
    /// The state of one <c>SendAsync</c> call: the results so far, the requests on the wire, and whether
    /// to go on. A completed request is sent on the thread pool while the caller packs the next one;
    /// at most <see cref="AmieClientOptions.MaxRequestsInFlight"/> are on the wire, and their outcomes
    /// are taken in the order they were sent, so results, observer calls and the stop come in request
    /// order whatever the order of the answers.
    /// </summary>
    private sealed class SendRun(AmieUsageSender sender, IAmieSendObserver? observer) : IAsyncDisposable
    {
        private readonly List<AmieRequestResult> _requests = [];
        private readonly List<LocalRecordFailure> _localFailures = [];
        private readonly Queue<Task<RequestDelivery>> _inFlight = new();
        private readonly Activity? _activity = UsageSchemaTelemetry.Source.StartActivity("UsageSchema.Amie.Send", ActivityKind.Internal);
        private readonly long _started = sender._invoker.TimeProvider.GetTimestamp();
        private UsageServiceException? _stoppedBy;

        /// <summary>Takes what packing one record produced; false once sending has stopped.</summary>
        public async ValueTask<bool> AddAsync(PackOutcome outcome, CancellationToken cancellationToken)
        {
            if (outcome.Failure is { } failure)
            {
                KeepBack(failure);
            }

            if (outcome.Completed is { } request)
            {
                await StartAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return _stoppedBy is null;
        }

        public async Task<AmieSendResult> FinishAsync(RequestPacker packer, CancellationToken cancellationToken)
        {
            while (_stoppedBy is null && packer.Flush() is { } request)
            {
                await StartAsync(request, cancellationToken).ConfigureAwait(false);
            }

            // Every request that went out is accounted for, also after a stop: what it carried may have been accepted.
            while (_inFlight.Count > 0)
            {
                await SettleOldestAsync().ConfigureAwait(false);
            }

            var result = new AmieSendResult(_requests, _localFailures, packer.RecordsRead, _stoppedBy);
            var elapsed = sender._invoker.TimeProvider.GetElapsedTime(_started);
            AmieSenderLog.Finished(sender._logger, (long)elapsed.TotalMilliseconds, result.RecordsRead, result.Requests.Count, result.RecordsAccepted, result.LocalFailures.Count, result.ServiceFailedRecords.Count);
            if (_stoppedBy is not null)
            {
                AmieSenderLog.Stopped(sender._logger, result.RecordsRead, _stoppedBy.GetType().Name, _stoppedBy.StatusCode);
                _activity?.SetStatus(ActivityStatusCode.Error, _stoppedBy.GetType().Name);
            }

            _activity?.SetTag("usage.records_read", result.RecordsRead);
            _activity?.SetTag("usage.requests", result.Requests.Count);
            _activity?.SetTag("usage.records_accepted", result.RecordsAccepted);
            _activity?.SetTag("usage.records_kept_back", result.LocalFailures.Count);
            return result;
        }

        /// <summary>
        /// Also on cancellation and exceptions: the requests still on the wire are waited for (their
        /// buffers go back to the pool when they end; their outcome is lost with the call), and the
        /// activity is stopped.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            while (_inFlight.TryDequeue(out var sending))
            {
                await ((Task)sending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _activity?.Dispose();
        }

        /// <summary>Sends <paramref name="request"/> once there is room on the wire; disposes it unsent when sending has stopped.</summary>
        private async ValueTask StartAsync(PackedRequest request, CancellationToken cancellationToken)
        {
            // Outcomes already in are taken first (a stop is seen as early as possible), then the oldest
            // is waited for while the wire is full.
            while (_stoppedBy is null && _inFlight.Count > 0 && (_inFlight.Peek().IsCompleted || _inFlight.Count >= sender._maxRequestsInFlight))
            {
                await SettleOldestAsync().ConfigureAwait(false);
            }

            if (_stoppedBy is not null)
            {
                request.Dispose();
                return;
            }

            // On the thread pool: writing the body and reading the answer overlap the packing of the next request.
            _inFlight.Enqueue(Task.Run(() => new RequestDelivery(sender).SendAsync(request, cancellationToken), CancellationToken.None));
        }

        private async Task SettleOldestAsync()
        {
            var delivery = await _inFlight.Dequeue().ConfigureAwait(false);
            foreach (var (result, records, keptBack) in delivery.Events)
            {
                if (keptBack is not null)
                {
                    KeepBack(keptBack);
                }
                else
                {
                    _requests.Add(result!);
                    observer?.Answered(result!, records!);
                }
            }

            _stoppedBy ??= delivery.StoppedBy;
        }

        private void KeepBack(LocalRecordFailure failure)
        {
            _localFailures.Add(failure);
            AmieSenderLog.KeptBack(sender._logger, failure.Index, failure.UsageType, failure.LocalRecordId, failure.Resource, failure.Reason, failure.Violations.Count);
            observer?.KeptBack(failure);
        }
    }
}
