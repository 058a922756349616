using System.Globalization;
using UsageSchema.Amie;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads Slurm <c>sacct --parsable2</c> (<c>-P</c>) output, header line included, into
/// <c>ComputeUsageRecord</c>s following a <see cref="SacctMapping"/>.
/// </summary>
public static class SacctRecordReader
{
    private static readonly string[] TimeFormats = ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm"];

    /// <summary>Reads <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="mapping">The mapping of columns to fields.</param>
    public static InputReadResult Read(byte[] bytes, SacctMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(mapping);
        var records = new List<InputRecord>();
        var problems = new List<InputProblem>();
        var lines = TextLines.Split(bytes).Where(line => line.Text is null || !string.IsNullOrWhiteSpace(line.Text)).ToList();
        if (lines.Count == 0)
        {
            problems.Add(new InputProblem("file", null, "the file is empty; expected sacct --parsable2 output with its header line"));
            return new InputReadResult(records, problems);
        }

        var headerLine = lines[0];
        if (headerLine.Text is null)
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(headerLine.Number), null, "the header line is not valid UTF-8; no job can be read"));
            return new InputReadResult(records, problems);
        }

        var header = headerLine.Text.Split('|').Select(name => name.Trim()).ToArray();
        var columnIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columnIndex.TryAdd(header[i], i);
        }

        var missing = mapping.Columns.Where(pair => !columnIndex.ContainsKey(pair.Value) && IsNeeded(pair.Key)).Select(pair => $"{pair.Value} (for {pair.Key})").ToList();
        if (missing.Count > 0)
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(headerLine.Number), null,
                $"the header lacks the column(s) {string.Join(", ", missing)}; run sacct -P -o JobID,User,Account,Partition,Submit,Start,End,AllocNodes,AllocCPUS,JobName"));
            return new InputReadResult(records, problems);
        }

        // A mapped column named twice: which one is meant cannot be known, so rows whose two cells differ are not read.
        var repeated = mapping.Columns
            .Select(pair => (Field: pair.Key, Column: pair.Value, Indexes: Enumerable.Range(0, header.Length).Where(i => string.Equals(header[i], pair.Value, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(item => item.Indexes.Count > 1)
            .ToList();
        foreach (var (field, column, indexes) in repeated)
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(headerLine.Number), field, $"the column {column} appears {indexes.Count.ToString(CultureInfo.InvariantCulture)} times (columns {string.Join(", ", indexes.Select(i => (i + 1).ToString(CultureInfo.InvariantCulture)))}); rows whose cells differ are not read"));
        }

        foreach (var line in lines.Skip(1))
        {
            var location = JsonRecordReader.Line(line.Number);
            if (line.Text is null)
            {
                problems.Add(new InputProblem(location, FieldOfCell(line.Replaced!.Split('|'), header, mapping), "not valid UTF-8"));
                continue;
            }

            var cells = line.Text.Split('|');
            if (cells.Length != header.Length)
            {
                var count = $"expected {header.Length.ToString(CultureInfo.InvariantCulture)} '|'-separated fields as in the header, got {cells.Length.ToString(CultureInfo.InvariantCulture)}";
                problems.Add(cells.Length < header.Length
                    ? new InputProblem(location, FieldOf(cells.Length, header, mapping), $"{count}: the column {InputLimits.Field(header[cells.Length])} and the ones after it are missing")
                    : new InputProblem(location, null, $"{count}: the cells after column {header.Length.ToString(CultureInfo.InvariantCulture)} have no header (a '|' inside a value?)"));
                continue;
            }

            var differing = repeated.FirstOrDefault(item => item.Indexes.Select(i => cells[i].Trim()).Distinct(StringComparer.Ordinal).Count() > 1);
            if (differing.Field is not null)
            {
                problems.Add(new InputProblem(location, differing.Field, $"the columns named {differing.Column} differ: {string.Join(" vs ", differing.Indexes.Select(i => InputLimits.Quote(cells[i].Trim())))}"));
                continue;
            }

            var tooLong = mapping.Columns.Keys.FirstOrDefault(field => columnIndex.TryGetValue(mapping.Columns[field], out var i) && cells[i].Length > InputLimits.MaxFieldChars);
            if (tooLong is not null)
            {
                problems.Add(new InputProblem(location, tooLong, $"is {cells[columnIndex[mapping.Columns[tooLong]]].Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {InputLimits.MaxFieldChars.ToString(CultureInfo.InvariantCulture)}"));
                continue;
            }

            string? Cell(string field) => mapping.Columns.TryGetValue(field, out var column) && columnIndex.TryGetValue(column, out var index) ? cells[index].Trim() : null;

            var jobId = Cell("LocalRecordID");
            if (mapping.SkipSteps && jobId is not null && jobId.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var rowProblems = new List<InputProblem>();
            var submit = Time(Cell("SubmitTime"), "SubmitTime", location, mapping, rowProblems);
            var start = Time(Cell("StartTime"), "StartTime", location, mapping, rowProblems);
            var end = Time(Cell("EndTime"), "EndTime", location, mapping, rowProblems);
            var nodes = Integer(Cell("Attributes.NodeCount"), "Attributes.NodeCount", location, rowProblems);
            var cpus = Integer(Cell("Attributes.CpuCoreCount"), "Attributes.CpuCoreCount", location, rowProblems);
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }

            string charge;
            try
            {
                charge = mapping.ComputeCharge(nodes ?? 0, cpus ?? 0, end!.Value - start!.Value);
            }
            catch (OverflowException)
            {
                problems.Add(new InputProblem(location, "Charge", "the charge formula overflows (is --charge-factor far too large?)"));
                continue;
            }

            var record = new ComputeUsageRecord
            {
                LocalRecordId = jobId ?? string.Empty,
                Username = Cell("Username") ?? string.Empty,
                LocalProjectId = Cell("LocalProjectID") ?? string.Empty,
                Resource = mapping.Resource ?? string.Empty,
                SubmitTime = Iso(submit!.Value),
                StartTime = Iso(start.Value),
                EndTime = Iso(end.Value),
                Charge = charge,
                Attributes = new ComputeAttributes
                {
                    NodeCount = nodes ?? 0,
                    CpuCoreCount = cpus,
                    JobName = NullIfEmpty(Cell("Attributes.JobName")),
                    Queue = NullIfEmpty(Cell("Attributes.Queue")),
                },
            };
            records.Add(new InputRecord(location, RecordKind.Compute, record));
        }

        if (records.Count == 0 && problems.Count == 0)
        {
            problems.Add(new InputProblem("file", null, "the file has a header but no job rows"));
        }

        return new InputReadResult(records, problems);
    }

    /// <summary>The wire field read from column <paramref name="index"/>, or the column's own name when no field is.</summary>
    private static string? FieldOf(int index, string[] header, SacctMapping mapping)
    {
        if (index >= header.Length || header[index].Length == 0)
        {
            return null;
        }

        var field = mapping.Columns.FirstOrDefault(pair => string.Equals(pair.Value, header[index], StringComparison.OrdinalIgnoreCase)).Key;
        return field ?? InputLimits.Field(header[index]);
    }

    private static string? FieldOfCell(string[] cells, string[] header, SacctMapping mapping)
    {
        var bad = Array.FindIndex(cells, cell => cell.Contains('\uFFFD', StringComparison.Ordinal));
        return bad < 0 ? null : FieldOf(bad, header, mapping);
    }

    private static bool IsNeeded(string field) => field is not ("Attributes.JobName" or "Attributes.Queue");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string? text, string field, string location, SacctMapping mapping, List<InputProblem> problems)
    {
        if (string.IsNullOrEmpty(text) || text is "Unknown" or "None")
        {
            problems.Add(new InputProblem(location, field, $"has no time ({InputLimits.Quote(text)}); the job has not run to its end"));
            return null;
        }

        if (!DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problems.Add(new InputProblem(location, field, $"{InputLimits.Quote(text)} is not a sacct time (YYYY-MM-DDTHH:MM:SS)"));
            return null;
        }

        var offset = mapping.TimeZone.GetUtcOffset(local);
        if (local - DateTime.MinValue < offset || DateTime.MaxValue - local < -offset)
        {
            // 0001-01-01T00:00 east of UTC (or 9999-12-31T23:59 west of it) is no instant at all.
            problems.Add(new InputProblem(location, field, $"{InputLimits.Quote(text)} in {mapping.TimeZone.Id} is outside the range of dates"));
            return null;
        }

        return new DateTimeOffset(local, offset);
    }

    private static int? Integer(string? text, string field, string location, List<InputProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(new InputProblem(location, field, $"{InputLimits.Quote(text)} is not a whole number"));
        return null;
    }
}
