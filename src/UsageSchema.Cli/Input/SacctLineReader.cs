using System.Globalization;
using System.Text.RegularExpressions;
using UsageSchema.Amie;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads sacct <c>--parsable2</c> output one line at a time: the header (or the <c>--sacct-columns</c>
/// list of a headerless file) first, then each row on its own into a record, a problem or a skipped row.
/// Nothing depends on lines not yet seen, so the lines may come from a file or a pipe as they arrive.
/// </summary>
internal sealed partial class SacctLineReader
{
    private readonly SacctMapping _mapping;
    private readonly InputSink _sink;
    private readonly Dictionary<string, int> _fields = new(StringComparer.Ordinal);
    private List<(string Field, string Column, List<int> Indexes)> _repeated = [];
    private string[]? _columns;
    private bool _unusable;
    private bool _sawLine;
    private int _jobId = -1;
    private int _state = -1;
    private int _elapsed = -1;
    private int _nodeList = -1;
    private string _nodeColumn = SacctMapping.DefaultColumns[SacctFields.NodeCount];
    private bool _anyItem;

    /// <summary>The <c>LocalRecordID</c>s made records of, so that a second record with one is reported, not sent.</summary>
    private readonly SeenRecordIds _recordIds = new();

    public SacctLineReader(SacctMapping mapping, InputSink sink)
    {
        _mapping = mapping;
        _sink = sink;
    }

    /// <summary>Where the columns come from, as messages name it.</summary>
    private string ColumnsSource => _mapping.HeaderlessColumns is null ? "the header" : "--sacct-columns";

    /// <summary>A sacct column name (<c>JobID</c>, <c>TRESUsageInAve</c>); job data always has cells that are not (times, ids, empty cells).</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();

    /// <summary>Reads one line of the file.</summary>
    public void Add(TextLines.Line line)
    {
        if (line.Text is not null && string.IsNullOrWhiteSpace(line.Text))
        {
            return;
        }

        var first = !_sawLine;
        _sawLine = true;
        if ((first && IsHeader(line)) || _unusable)
        {
            return;
        }

        ReadRow(line);
    }

    /// <summary>A line over <see cref="InputLimits.MaxLineBytes"/>: reported, and it counts as a line seen (a header cannot be that long).</summary>
    public void AddTooLong(int number, long bytes)
    {
        // A first line that long is no header either, and no row can be read without one.
        if (!_sawLine)
        {
            if (_mapping.HeaderlessColumns is { } given)
            {
                UseColumns([.. given], JsonRecordReader.Line(number));
            }
            else
            {
                _unusable = true;
            }
        }

        _sawLine = true;
        Problem(InputLimits.TooLong(number, bytes));
    }

    /// <summary>Says what the file as a whole lacks, once every line has been added.</summary>
    /// <remarks>
    /// sacct prints its header and no row (or, with <c>--noheader</c>, nothing at all) when no job ended in
    /// its window: an hourly cron job sees that every quiet hour, so it is a note, not a problem. Without
    /// <c>--sacct-columns</c> an empty file is still a problem: sacct always prints its header then.
    /// </remarks>
    public void Finish()
    {
        if (!_sawLine && _mapping.HeaderlessColumns is null)
        {
            Problem(new InputProblem("file", null, "the file is empty; expected sacct --parsable2 output (a headerless dump needs --sacct-columns)"));
        }
        else if (!_anyItem && !_unusable)
        {
            _sink.Note(_mapping.HeaderlessColumns is null ? "the file has a header but no job rows: sacct found no job in its window" : "the file has no job rows: sacct found no job in its window");
        }
    }

    private void Problem(InputProblem problem)
    {
        _anyItem = true;
        _sink.Add(problem);
    }

    /// <summary>Settles the columns from the first line; true when that line is the header (and no row).</summary>
    private bool IsHeader(TextLines.Line line)
    {
        var location = JsonRecordReader.Line(line.Number);
        var cells = line.Text?.Split('|').Select(cell => cell.Trim()).ToArray();
        var looksLikeHeader = cells is not null && cells.Select((cell, i) => ColumnName().IsMatch(cell) || (i == cells.Length - 1 && i > 0 && cell.Length == 0)).All(ok => ok);
        if (_mapping.HeaderlessColumns is { } given)
        {
            if (looksLikeHeader)
            {
                var named = cells![^1].Length == 0 ? cells[..^1] : cells;
                if (!named.SequenceEqual(given, StringComparer.OrdinalIgnoreCase))
                {
                    Problem(new InputProblem(location, null, $"the file has a header line ({InputLimits.Quote(line.Text)}) that is not the --sacct-columns list; drop --sacct-columns to read the header, or fix the list"));
                    _unusable = true;
                    return true;
                }
            }

            UseColumns([.. given], location);
            return looksLikeHeader;
        }

        if (line.Text is null)
        {
            Problem(new InputProblem(location, null, "the header line is not valid UTF-8; no job can be read"));
            _unusable = true;
            return true;
        }

        if (!looksLikeHeader)
        {
            Problem(new InputProblem(location, null,
                $"is not a sacct header line ({InputLimits.Quote(line.Text)}); if the file has no header (sacct --noheader), give its columns with --sacct-columns xdmod (Open XDMoD's list; also xdmod-noqos, xdmod-reqgres) or --sacct-columns jobid,user,... as in sacct --format"));
            _unusable = true;
            return true;
        }

        UseColumns(cells!, location);
        return true;
    }

    private void UseColumns(string[] columns, string location)
    {
        _columns = columns;
        int IndexOf(string column) => Array.FindIndex(columns, name => name.Equals(column, StringComparison.OrdinalIgnoreCase));

        var missing = new List<string>();
        foreach (var field in _mapping.Columns.Keys)
        {
            var index = _mapping.CandidatesOf(field).Select(IndexOf).FirstOrDefault(i => i >= 0, -1);
            if (index >= 0)
            {
                _fields[field] = index;
            }
            else if (IsNeeded(field))
            {
                missing.Add($"{string.Join(" or ", _mapping.CandidatesOf(field))} (for {field})");
            }
        }

        if (missing.Count > 0)
        {
            Problem(new InputProblem(location, null,
                $"{ColumnsSource} lacks the column(s) {string.Join(", ", missing)}; run sacct -P -o JobID,User,Account,Partition,Submit,Start,End,Elapsed,State,AllocNodes,AllocCPUS,JobName"));
            _unusable = true;
            return;
        }

        // A mapped column named twice: which one is meant cannot be known, so rows whose two cells differ are not read.
        _repeated = [.. _fields
            .Select(pair => (Field: pair.Key, Column: columns[pair.Value], Indexes: Enumerable.Range(0, columns.Length).Where(i => columns[i].Equals(columns[pair.Value], StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(item => item.Indexes.Count > 1)];
        foreach (var (field, column, indexes) in _repeated)
        {
            Problem(new InputProblem(location, field, $"the column {column} appears {indexes.Count.ToString(CultureInfo.InvariantCulture)} times (columns {string.Join(", ", indexes.Select(i => (i + 1).ToString(CultureInfo.InvariantCulture)))}); rows whose cells differ are not read"));
        }

        _jobId = IndexOf(SacctMapping.JobIdColumn);
        _state = IndexOf(SacctMapping.StateColumn);
        _elapsed = IndexOf(SacctMapping.ElapsedColumn);
        _nodeList = IndexOf(SacctMapping.NodeListColumn);
        _nodeColumn = _fields.TryGetValue(SacctFields.NodeCount, out var nodeIndex) ? columns[nodeIndex] : SacctMapping.DefaultColumns[SacctFields.NodeCount];
        if (_state < 0)
        {
            _sink.Note(_mapping.States is null
                ? $"{ColumnsSource} has no State column: every row is read as an ended job, and a job still running is reported by its missing End; add State to sacct --format so that running and pending jobs are skipped"
                : $"{ColumnsSource} has no State column, so --states cannot apply: every row is read as an ended job");
        }
    }

    private void ReadRow(TextLines.Line line)
    {
        var columns = _columns!;
        var location = JsonRecordReader.Line(line.Number);
        var text = line.Text;
        if (text is null)
        {
            // sacct prints a job name's bytes as they were given (a Latin-1 name is no UTF-8): such a byte in
            // the job name, or in a column no field reads, costs the job no record; it stays U+FFFD.
            var replaced = line.Replaced!;
            var bad = replaced.Split('|').Select((cell, i) => (cell, i)).Where(item => item.cell.Contains('\uFFFD', StringComparison.Ordinal)).Select(item => Math.Min(item.i, columns.Length - 1));
            if (bad.Any(i => IsRead(i) && !IsJobName(i)))
            {
                Problem(new InputProblem(location, FieldOfCell(replaced.Split('|')), "not valid UTF-8"));
                return;
            }

            text = replaced;
        }

        var cells = text.Split('|');
        if (cells.Length > columns.Length && IsJobName(columns.Length - 1))
        {
            // parsable2 does not escape a '|' in a job name; when JobName is the last column, the extra cells are the rest of the name.
            cells = [.. cells[..(columns.Length - 1)], string.Join('|', cells[(columns.Length - 1)..])];
        }

        if (cells.Length != columns.Length)
        {
            var count = $"expected {columns.Length.ToString(CultureInfo.InvariantCulture)} '|'-separated fields as in {ColumnsSource}, got {cells.Length.ToString(CultureInfo.InvariantCulture)}";
            Problem(cells.Length < columns.Length
                ? new InputProblem(location, FieldOf(cells.Length), $"{count}: the column {InputLimits.Field(columns[cells.Length])} and the ones after it are missing")
                : new InputProblem(location, null, $"{count}: the cells after column {columns.Length.ToString(CultureInfo.InvariantCulture)} have no {(_mapping.HeaderlessColumns is null ? "header" : "column in --sacct-columns")} (a '|' inside a value?)"));
            return;
        }

        var differing = _repeated.FirstOrDefault(item => item.Indexes.Select(i => cells[i].Trim()).Distinct(StringComparer.Ordinal).Count() > 1);
        if (differing.Field is not null)
        {
            Problem(new InputProblem(location, differing.Field, $"the columns named {differing.Column} differ: {string.Join(" vs ", differing.Indexes.Select(i => InputLimits.Quote(cells[i].Trim())))}"));
            return;
        }

        var tooLong = Array.FindIndex(cells, cell => cell.Length > InputLimits.MaxFieldChars);
        if (tooLong >= 0)
        {
            Problem(new InputProblem(location, FieldOf(tooLong), $"is {cells[tooLong].Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {InputLimits.MaxFieldChars.ToString(CultureInfo.InvariantCulture)}"));
            return;
        }

        string? Cell(string field) => _fields.TryGetValue(field, out var index) ? cells[index].Trim() : null;
        string? Column(int index) => index >= 0 ? cells[index].Trim() : null;

        var jobId = Cell(SacctFields.LocalRecordId);
        var shownId = Column(_jobId) ?? jobId ?? string.Empty;
        var (skip, stateProblem) = Skip(shownId, Column(_state), Cell(SacctFields.StartTime), Cell(SacctFields.EndTime), Column(_nodeList), Cell(SacctFields.NodeCount));
        if (skip is not null)
        {
            _anyItem = true;
            _sink.Add(skip with { Location = location });
            return;
        }

        if (stateProblem is not null)
        {
            Problem(new InputProblem(location, SacctMapping.StateColumn, stateProblem));
            return;
        }

        var rowProblems = new List<InputProblem>();
        var zone = _mapping.TimeZone;
        var submit = SacctValues.Time(Cell(SacctFields.SubmitTime), SacctFields.SubmitTime, location, zone, rowProblems);
        var start = SacctValues.Time(Cell(SacctFields.StartTime), SacctFields.StartTime, location, zone, rowProblems);
        var end = SacctValues.Time(Cell(SacctFields.EndTime), SacctFields.EndTime, location, zone, rowProblems);
        var nodes = SacctValues.Integer(Cell(SacctFields.NodeCount), SacctFields.NodeCount, location, rowProblems);
        var cpus = SacctValues.Integer(Cell(SacctFields.CpuCoreCount), SacctFields.CpuCoreCount, location, rowProblems);
        TimeSpan? elapsed = null;
        if (Column(_elapsed) is { } elapsedText)
        {
            elapsed = SacctValues.Elapsed(elapsedText);
            if (elapsed is null)
            {
                rowProblems.Add(new InputProblem(location, columns[_elapsed], $"{InputLimits.Quote(elapsedText)} is not a sacct duration ([D-]HH:MM:SS or MM:SS)"));
            }
        }

        if (rowProblems.Count > 0)
        {
            foreach (var problem in rowProblems)
            {
                Problem(problem);
            }

            return;
        }

        string charge;
        try
        {
            charge = _mapping.ComputeCharge(nodes ?? 0, cpus ?? 0, elapsed ?? (end!.Value - start!.Value));
        }
        catch (OverflowException)
        {
            Problem(new InputProblem(location, SacctFields.Charge, "the charge formula overflows (is --charge-factor far too large?)"));
            return;
        }

        if (jobId is { Length: > 0 } && !_recordIds.TryAdd(jobId, line.Number, out var earlierLine))
        {
            // Slurm stores an earlier run of a requeued job as REQUEUED (skipped above), so a second ended
            // row with the same id is another job: its ids restarted (sacct --duplicates shows both).
            var earlier = earlierLine > 0 ? $"line {earlierLine.ToString(CultureInfo.InvariantCulture)}" : "an earlier line";
            Problem(new InputProblem(location, SacctFields.LocalRecordId,
                $"{InputLimits.Quote(jobId)} is already the {SacctFields.LocalRecordId} of {earlier} (Slurm's job ids restarted?); a {SacctFields.LocalRecordId} is sent once per resource, so map it to a column that tells the two jobs apart"));
            return;
        }

        var record = new ComputeUsageRecord
        {
            LocalRecordId = jobId ?? string.Empty,
            Username = Cell(SacctFields.Username) ?? string.Empty,
            LocalProjectId = Cell(SacctFields.LocalProjectId) ?? string.Empty,
            Resource = _mapping.Resource ?? string.Empty,
            SubmitTime = SacctValues.Iso(submit!.Value),
            StartTime = SacctValues.Iso(start!.Value),
            EndTime = SacctValues.Iso(end!.Value),
            Charge = charge,
            Attributes = new ComputeAttributes
            {
                NodeCount = nodes ?? 0,
                CpuCoreCount = cpus,
                JobName = NullIfEmpty(Cell(SacctFields.JobName)),
                Queue = NullIfEmpty(Cell(SacctFields.Queue)),
            },
        };
        _anyItem = true;
        _sink.Add(new InputRecord(location, record));
    }

    /// <summary>
    /// Why the row is on purpose no record (a skip, its location still to be set), or what makes its
    /// state unreadable; both null when the row is a record.
    /// </summary>
    private (SkippedRow? Skip, string? Problem) Skip(string jobId, string? state, string? start, string? end, string? nodeList, string? nodes)
    {
        SkippedRow Skipped(string reason, bool step = false) => new(string.Empty, jobId, reason, step);

        if (_mapping.SkipSteps && jobId.Contains('.', StringComparison.Ordinal))
        {
            return (Skipped("job step; its job is charged once, on its allocation row", step: true), null);
        }

        if (jobId.Contains('[', StringComparison.Ordinal))
        {
            return (Skipped("pending job-array range; each task is charged on its own row once it has ended"), null);
        }

        if (state is null)
        {
            return (null, null); // No State column: read as before.
        }

        var name = SacctJobStates.NameOf(state);
        var states = _mapping.States ?? SacctJobStates.Ended;
        if (!states.Contains(name))
        {
            if (_mapping.States is null && SacctJobStates.NotEnded.TryGetValue(name, out var why))
            {
                return (Skipped($"{name}: {why}"), null);
            }

            return SacctJobStates.IsKnown(name) || _mapping.States is not null
                ? (Skipped($"{name} is not one of --states"), null)
                : (null, $"{InputLimits.Quote(state)} is not a Slurm job state (COMPLETED, FAILED, RUNNING, ...); --states chooses the states that are records");
        }

        if (start is not null && (start.Equals("Unknown", StringComparison.OrdinalIgnoreCase) || start.Equals("None", StringComparison.OrdinalIgnoreCase)))
        {
            return (Skipped($"{name} without having started (Start {InputLimits.Quote(start)}); it used nothing"), null);
        }

        if (nodeList is not null && nodeList.Equals("None assigned", StringComparison.OrdinalIgnoreCase))
        {
            return (Skipped($"{name} before it started (NodeList \"None assigned\"); it used nothing"), null);
        }

        if (nodes == "0")
        {
            // A job that ran holds at least one node; AllocNodes is 0 for one cancelled, or past its deadline, while pending.
            return (Skipped($"{name} with no node allocated ({_nodeColumn} 0); it never ran and used nothing"), null);
        }

        if (start is not null && start == end && name is "CANCELLED" or "DEADLINE")
        {
            // slurmctld ends a job cancelled while pending with its start and end both set to the time of the cancel.
            return (Skipped($"{name} before it started (Start = End {InputLimits.Quote(start)}); it used nothing"), null);
        }

        return (null, null);
    }

    /// <summary>Whether column <paramref name="index"/> feeds a field or decides whether the row is a record.</summary>
    private bool IsRead(int index) => _fields.ContainsValue(index) || index == _jobId || index == _state || index == _elapsed || index == _nodeList;

    private bool IsJobName(int index) => _fields.TryGetValue(SacctFields.JobName, out var jobName) ? jobName == index : _columns![index].Equals(SacctMapping.DefaultColumns[SacctFields.JobName], StringComparison.OrdinalIgnoreCase);

    /// <summary>The wire field read from column <paramref name="index"/>, or the column's own name when no field is.</summary>
    private string? FieldOf(int index)
    {
        var columns = _columns!;
        if (index >= columns.Length || columns[index].Length == 0)
        {
            return null;
        }

        var field = _fields.FirstOrDefault(pair => pair.Value == index).Key;
        return field ?? InputLimits.Field(columns[index]);
    }

    private string? FieldOfCell(string[] cells)
    {
        var bad = Array.FindIndex(cells, cell => cell.Contains('\uFFFD', StringComparison.Ordinal));
        return bad < 0 ? null : FieldOf(bad);
    }

    private static bool IsNeeded(string field) => field is not (SacctFields.JobName or SacctFields.Queue);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
