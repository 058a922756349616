namespace UsageSchema.Tests.Clients;

/// <summary>
/// A clock on which every wait ends at once: each timer fires immediately and moves the clock on
/// by its due time, and the requested waits are recorded. Only for pipelines without timeouts
/// (a timeout's timer would fire at once too).
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new InstantTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Elapse(TimeSpan dueTime)
    {
        lock (_gate)
        {
            Waits.Add(dueTime);
            _now += dueTime;
        }
    }

    private sealed class InstantTimer(InstantTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            clock.Elapse(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
