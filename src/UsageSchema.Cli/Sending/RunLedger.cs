using System.Collections.Concurrent;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// What one <c>send</c> run knows of its own outbox entries, in memory that does not grow with the
/// input: the distinct entry ids it enqueued (as ranges: ids are handed out in order, so a run's ids
/// are a few ranges), the location of each entry not yet delivered or rejected (bounded by the
/// back-pressure of <see cref="OutboxDelivery"/>), and counts. Fed from both sides: the enqueue results
/// (the reading side) and the dispatcher's outcomes (through <see cref="ObservedOutbox"/>).
/// </summary>
internal sealed class RunLedger
{
    private readonly Lock _lock = new();
    private readonly IdRanges _seen = new();
    private readonly Dictionary<long, string> _open = [];
    private readonly ConcurrentQueue<DeliveryRejection> _rejections = new();

    /// <summary>How many entries rejected by an earlier run are kept to be named with their reason.</summary>
    public const int MaxRejectedBeforeKept = DeliveryReport.MaxRejectionsKept;

    private readonly List<(long Id, string Location)> _rejectedBefore = [];
    private bool _tracking = true;
    private int _untracked;

    /// <summary>Why entries were last released to be sent again (a transient failure), or null.</summary>
    public string? LastFailure { get; set; }

    /// <summary>Distinct entries of this run.</summary>
    public int Entries { get; private set; }

    /// <summary>Entries of this run delivered (now or before).</summary>
    public int Delivered { get; private set; }

    /// <summary>Entries of this run rejected (now or before).</summary>
    public int Rejected { get; private set; }

    /// <summary>Entries of this run neither delivered nor rejected yet.</summary>
    public int Open
    {
        get
        {
            lock (_lock)
            {
                return _open.Count + _untracked;
            }
        }
    }

    /// <summary>The entries an earlier run had rejected, kept to be named with their reason (at most <see cref="MaxRejectedBeforeKept"/>).</summary>
    public IReadOnlyList<(long Id, string Location)> RejectedBefore => _rejectedBefore;

    /// <summary>
    /// Stops keeping the locations of open entries: the dispatcher has stopped for this run, so none
    /// of them can be rejected now, and only their number is reported.
    /// </summary>
    public void StopTracking()
    {
        lock (_lock)
        {
            _tracking = false;
        }
    }

    /// <summary>Notes one enqueue result of this run; an entry the run enqueued already (the same key twice in the input) counts once.</summary>
    public void Enqueued(long id, string location, EnqueueOutcome outcome)
    {
        lock (_lock)
        {
            if (!_seen.Add(id))
            {
                return;
            }

            Entries++;
            switch (outcome)
            {
                case EnqueueOutcome.AlreadyDelivered:
                    Delivered++;
                    break;
                case EnqueueOutcome.AlreadyRejected:
                    // The identical record was refused by an earlier run: not sent again; a changed one would have replaced it.
                    Rejected++;
                    if (_rejectedBefore.Count < MaxRejectedBeforeKept)
                    {
                        _rejectedBefore.Add((id, location));
                    }
                    else
                    {
                        _rejections.Enqueue(new DeliveryRejection(location, null, "rejected before (see 'usage-schema outbox list --state rejected')"));
                    }

                    break;
                default:
                    if (_tracking)
                    {
                        _open[id] = location;
                    }
                    else
                    {
                        _untracked++;
                    }

                    break;
            }
        }
    }

    /// <summary>Entries the dispatcher marked delivered.</summary>
    public void MarkedDelivered(IEnumerable<long> ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_open.Remove(id))
                {
                    Delivered++;
                }
            }
        }
    }

    /// <summary>An entry the dispatcher marked rejected.</summary>
    public void Reject(long id, string reason)
    {
        lock (_lock)
        {
            if (_open.Remove(id, out var location))
            {
                Rejected++;
                _rejections.Enqueue(new DeliveryRejection(location, null, reason));
            }
        }
    }

    /// <summary>The rejections found since the last call, for the report (taken on one thread only).</summary>
    public IEnumerable<DeliveryRejection> TakeRejections()
    {
        while (_rejections.TryDequeue(out var rejection))
        {
            yield return rejection;
        }
    }

    /// <summary>A set of ids kept as sorted, merged ranges: a run's ids are mostly consecutive.</summary>
    private sealed class IdRanges
    {
        private readonly List<(long First, long Last)> _ranges = [];

        public bool Add(long id)
        {
            // Ids mostly grow: try the last range first.
            if (_ranges.Count > 0)
            {
                var (first, last) = _ranges[^1];
                if (id == last + 1)
                {
                    _ranges[^1] = (first, id);
                    return true;
                }

                if (id > last + 1)
                {
                    _ranges.Add((id, id));
                    return true;
                }
            }

            int low = 0, high = _ranges.Count - 1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                if (id < _ranges[middle].First)
                {
                    high = middle - 1;
                }
                else if (id > _ranges[middle].Last)
                {
                    low = middle + 1;
                }
                else
                {
                    return false;
                }
            }

            // low is where a range starting at id would go; join its neighbours when they touch.
            var joinsBefore = low > 0 && _ranges[low - 1].Last + 1 == id;
            var joinsAfter = low < _ranges.Count && _ranges[low].First - 1 == id;
            if (joinsBefore && joinsAfter)
            {
                _ranges[low - 1] = (_ranges[low - 1].First, _ranges[low].Last);
                _ranges.RemoveAt(low);
            }
            else if (joinsBefore)
            {
                _ranges[low - 1] = (_ranges[low - 1].First, id);
            }
            else if (joinsAfter)
            {
                _ranges[low] = (id, _ranges[low].Last);
            }
            else
            {
                _ranges.Insert(low, (id, id));
            }

            return true;
        }
    }
}
