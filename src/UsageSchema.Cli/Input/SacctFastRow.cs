using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using UsageSchema.Amie;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The fast path of <see cref="SacctLineReader"/>: a row of an ended job that becomes a record, read
/// from the line's bytes (decoded into a stack buffer, cut at <c>|</c> into ranges) with no string of
/// the line or of its cells; only the record's own strings are made, and the repeated ones (users,
/// accounts, partitions, job names) once (<see cref="CellStrings"/>). Anything else (a skip, a problem,
/// bytes that are not UTF-8, a repeated column, a long line) is declined before anything is reported or
/// remembered, and the row is read again on the string path, which words every message as before.
/// </summary>
internal sealed partial class SacctLineReader
{
    /// <summary>Longer lines take the string path (a stack buffer of this many characters is the fast path's only one).</summary>
    private const int MaxFastChars = 2048;

    private readonly CellStrings _strings = new();
    private readonly Dictionary<string, string?> _stateNames = new(StringComparer.Ordinal);
    private FastColumns? _fast;

    /// <summary>Reads line <paramref name="number"/> when it is a plain record; false (nothing reported, nothing remembered) when the string path must read it.</summary>
    public bool TryAddFast(int number, ReadOnlySpan<byte> bytes)
    {
        if (!_sawLine || _unusable || _columns is not { } columns || _repeated.Count > 0 || bytes.Length > MaxFastChars)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[bytes.Length];
        if (Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        ReadOnlySpan<char> text = buffer[..written];
        if (text.IsWhiteSpace())
        {
            return false;
        }

        Span<Range> cells = stackalloc Range[columns.Length + 1];
        var count = text.Split(cells, '|');
        if (count > columns.Length && IsJobName(columns.Length - 1))
        {
            // The same rule as the string path: when JobName is the last column, the extra cells are the rest of the name.
            cells[columns.Length - 1] = cells[columns.Length - 1].Start..text.Length;
            count = columns.Length;
        }

        if (count != columns.Length)
        {
            return false;
        }

        var fast = _fast ??= new FastColumns(this);
        var shownId = Cell(text, cells, _jobId >= 0 ? _jobId : fast.LocalRecordId);
        if ((_mapping.SkipSteps && shownId.Contains('.')) || shownId.Contains('['))
        {
            return false;
        }

        var start = Cell(text, cells, fast.StartTime);
        var end = Cell(text, cells, fast.EndTime);
        var nodesCell = Cell(text, cells, fast.NodeCount);
        if (_state >= 0 && !IsPlainEnded(Cell(text, cells, _state), start, end, nodesCell, Cell(text, cells, _nodeList), _nodeList >= 0, fast.NodeCount >= 0))
        {
            return false;
        }

        var zone = _mapping.TimeZone;
        if (fast.SubmitTime < 0 || fast.StartTime < 0 || fast.EndTime < 0
            || !TryTime(Cell(text, cells, fast.SubmitTime), zone, out var submit, out var submitOffset)
            || !TryTime(start, zone, out var started, out var startOffset)
            || !TryTime(end, zone, out var ended, out var endOffset))
        {
            return false;
        }

        int? nodes = null, cpus = null;
        if ((fast.NodeCount >= 0 && !TryCount(nodesCell, out nodes)) || (fast.CpuCoreCount >= 0 && !TryCount(Cell(text, cells, fast.CpuCoreCount), out cpus)))
        {
            return false;
        }

        TimeSpan? elapsed = null;
        if (_elapsed >= 0)
        {
            elapsed = SacctValues.Elapsed(Cell(text, cells, _elapsed));
            if (elapsed is null)
            {
                return false;
            }
        }

        string charge;
        try
        {
            charge = _mapping.ComputeCharge(nodes ?? 0, cpus ?? 0, elapsed ?? (new DateTimeOffset(ended, endOffset) - new DateTimeOffset(started, startOffset)));
        }
        catch (OverflowException)
        {
            return false;
        }

        string? jobId = fast.LocalRecordId >= 0 ? Cell(text, cells, fast.LocalRecordId).ToString() : null;
        if (jobId is { Length: > 0 } && !_recordIds.TryAdd(jobId, number, out _))
        {
            // Nothing was added: the string path finds the same earlier id and reports it.
            return false;
        }

        var record = new ComputeUsageRecord
        {
            LocalRecordId = jobId ?? string.Empty,
            Username = fast.Username >= 0 ? _strings.Get(Cell(text, cells, fast.Username)) : string.Empty,
            LocalProjectId = fast.LocalProjectId >= 0 ? _strings.Get(Cell(text, cells, fast.LocalProjectId)) : string.Empty,
            Resource = _mapping.Resource ?? string.Empty,
            SubmitTime = SacctValues.Iso(submit, submitOffset),
            StartTime = SacctValues.Iso(started, startOffset),
            EndTime = SacctValues.Iso(ended, endOffset),
            Charge = charge,
            Attributes = new ComputeAttributes
            {
                NodeCount = nodes ?? 0,
                CpuCoreCount = cpus,
                JobName = fast.JobName >= 0 ? NullIfEmpty(_strings.Get(Cell(text, cells, fast.JobName))) : null,
                Queue = fast.Queue >= 0 ? NullIfEmpty(_strings.Get(Cell(text, cells, fast.Queue))) : null,
            },
        };
        _anyItem = true;
        _sink.Add(new InputRecord(JsonRecordReader.Line(number), record));
        return true;
    }

    /// <summary>Cell <paramref name="index"/> trimmed as <see cref="string.Trim()"/> trims; empty for a column that is not there.</summary>
    private static ReadOnlySpan<char> Cell(ReadOnlySpan<char> text, ReadOnlySpan<Range> cells, int index) => index >= 0 ? text[cells[index]].Trim() : [];

    /// <summary>Whether <see cref="Skip"/> would find the row a record: its state is one of those read and nothing says it never ran.</summary>
    private bool IsPlainEnded(ReadOnlySpan<char> state, ReadOnlySpan<char> start, ReadOnlySpan<char> end, ReadOnlySpan<char> nodes, ReadOnlySpan<char> nodeList, bool hasNodeList, bool hasNodes)
    {
        if (StateName(state) is not { } name)
        {
            return false;
        }

        return !start.Equals("Unknown", StringComparison.OrdinalIgnoreCase) && !start.Equals("None", StringComparison.OrdinalIgnoreCase)
            && !(hasNodeList && nodeList.Equals("None assigned", StringComparison.OrdinalIgnoreCase))
            && !(hasNodes && nodes.SequenceEqual("0"))
            && !(start.SequenceEqual(end) && name is "CANCELLED" or "DEADLINE");
    }

    /// <summary>The state's name when rows in it are read (<see cref="SacctJobStates.NameOf"/>); null when the string path decides. Each distinct cell is named once.</summary>
    private string? StateName(ReadOnlySpan<char> cell)
    {
        var lookup = _stateNames.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out var known))
        {
            return known;
        }

        var text = cell.ToString();
        var name = SacctJobStates.NameOf(text);
        var read = (_mapping.States ?? SacctJobStates.Ended).Contains(name) ? name : null;
        if (_stateNames.Count < CellStrings.MaxEntries)
        {
            _stateNames[text] = read;
        }

        return read;
    }

    private static bool TryTime(ReadOnlySpan<char> cell, TimeZoneInfo zone, out DateTime local, out TimeSpan offset)
    {
        offset = default;
        if (!SacctValues.TryParseTime(cell, out local))
        {
            return false;
        }

        offset = zone.GetUtcOffset(local);
        return offset.Ticks % TimeSpan.TicksPerMinute == 0 && local - DateTime.MinValue >= offset && DateTime.MaxValue - local >= -offset;
    }

    private static bool TryCount(ReadOnlySpan<char> cell, out int? value)
    {
        var ok = int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        value = ok ? number : null;
        return ok;
    }

    /// <summary>The column of each field the fast path reads (-1 when not mapped), found once from the columns settled on the header.</summary>
    private sealed class FastColumns(SacctLineReader reader)
    {
        public int LocalRecordId { get; } = reader.IndexOfField(SacctFields.LocalRecordId);

        public int Username { get; } = reader.IndexOfField(SacctFields.Username);

        public int LocalProjectId { get; } = reader.IndexOfField(SacctFields.LocalProjectId);

        public int SubmitTime { get; } = reader.IndexOfField(SacctFields.SubmitTime);

        public int StartTime { get; } = reader.IndexOfField(SacctFields.StartTime);

        public int EndTime { get; } = reader.IndexOfField(SacctFields.EndTime);

        public int NodeCount { get; } = reader.IndexOfField(SacctFields.NodeCount);

        public int CpuCoreCount { get; } = reader.IndexOfField(SacctFields.CpuCoreCount);

        public int JobName { get; } = reader.IndexOfField(SacctFields.JobName);

        public int Queue { get; } = reader.IndexOfField(SacctFields.Queue);
    }

    private int IndexOfField(string field) => _fields.TryGetValue(field, out var index) ? index : -1;
}
