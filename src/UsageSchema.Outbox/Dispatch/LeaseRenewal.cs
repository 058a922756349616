namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// Keeps a claimed batch's leases alive while it is being sent: every <c>interval</c> the leases are
/// extended by another <c>lease</c>, so a send slower than the lease (a slow service, the clients'
/// retries and backoff) does not let another sender claim the same entries and send them twice.
/// </summary>
internal sealed class LeaseRenewal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseRenewal(IUsageOutbox outbox, IReadOnlyList<OutboxEntry> batch, TimeSpan lease, TimeSpan interval)
    {
        var ids = batch.Select(entry => entry.Id).ToArray();
        var every = interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1);
        _loop = Task.Run(() => RenewAsync(outbox, ids, lease, every, _stop.Token));
    }

    /// <summary>Stops renewing and waits for a renewal in progress to finish.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();

    private static async Task RenewAsync(IUsageOutbox outbox, long[] ids, TimeSpan lease, TimeSpan every, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Stopping is the usual end of every batch: waited for without an exception (one
                // OperationCanceledException per batch was a tenth of a send's CPU time).
                await Task.Delay(every, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await outbox.RenewAsync(ids, lease, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is OutboxStorageException or ObjectDisposedException)
            {
                // A renewal that fails (the store is busy or gone for a moment) is tried again at the next
                // tick; the lease itself still holds until it lapses.
            }
        }
    }
}
