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
        var headerIndex = lines.FindIndex(line => line.Text is not null);
        foreach (var bad in lines.Where(line => line.Text is null))
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(bad.Number), null, "not valid UTF-8"));
        }

        if (headerIndex < 0)
        {
            if (problems.Count == 0)
            {
                problems.Add(new InputProblem("file", null, "the file is empty; expected sacct --parsable2 output with its header line"));
            }

            return new InputReadResult(records, problems);
        }

        var header = lines[headerIndex].Text!.Split('|');
        var columnIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columnIndex.TryAdd(header[i].Trim(), i);
        }

        var missing = mapping.Columns.Where(pair => !columnIndex.ContainsKey(pair.Value) && IsNeeded(pair.Key)).Select(pair => $"{pair.Value} (for {pair.Key})").ToList();
        if (missing.Count > 0)
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(lines[headerIndex].Number), null,
                $"the header lacks the column(s) {string.Join(", ", missing)}; run sacct -P -o JobID,User,Account,Partition,Submit,Start,End,AllocNodes,AllocCPUS,JobName"));
            return new InputReadResult(records, problems);
        }

        foreach (var line in lines.Skip(headerIndex + 1).Where(line => line.Text is not null))
        {
            var location = JsonRecordReader.Line(line.Number);
            var cells = line.Text!.Split('|');
            if (cells.Length != header.Length)
            {
                problems.Add(new InputProblem(location, null, $"expected {header.Length.ToString(CultureInfo.InvariantCulture)} '|'-separated fields as in the header, got {cells.Length.ToString(CultureInfo.InvariantCulture)}"));
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

            var record = new ComputeUsageRecord
            {
                LocalRecordId = jobId ?? string.Empty,
                Username = Cell("Username") ?? string.Empty,
                LocalProjectId = Cell("LocalProjectID") ?? string.Empty,
                Resource = mapping.Resource ?? string.Empty,
                SubmitTime = Iso(submit!.Value),
                StartTime = Iso(start!.Value),
                EndTime = Iso(end!.Value),
                Charge = mapping.ComputeCharge(nodes ?? 0, cpus ?? 0, end.Value - start.Value),
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

    private static bool IsNeeded(string field) => field is not ("Attributes.JobName" or "Attributes.Queue");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string? text, string field, string location, SacctMapping mapping, List<InputProblem> problems)
    {
        if (string.IsNullOrEmpty(text) || text is "Unknown" or "None")
        {
            problems.Add(new InputProblem(location, field, $"has no time (\"{text}\"); the job has not run to its end"));
            return null;
        }

        if (!DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problems.Add(new InputProblem(location, field, $"\"{text}\" is not a sacct time (YYYY-MM-DDTHH:MM:SS)"));
            return null;
        }

        return new DateTimeOffset(local, mapping.TimeZone.GetUtcOffset(local));
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

        problems.Add(new InputProblem(location, field, $"\"{text}\" is not a whole number"));
        return null;
    }
}
