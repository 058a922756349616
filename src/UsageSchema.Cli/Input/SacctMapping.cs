using System.Globalization;

namespace UsageSchema.Cli.Input;

/// <summary>How the charge of a Slurm job is computed from its <c>sacct</c> row.</summary>
public enum ChargeFormula
{
    /// <summary><c>AllocCPUS</c> × hours between <c>Start</c> and <c>End</c> (the default).</summary>
    CpuHours,

    /// <summary><c>AllocNodes</c> × hours between <c>Start</c> and <c>End</c>.</summary>
    NodeHours,

    /// <summary>Hours between <c>Start</c> and <c>End</c>.</summary>
    Hours,
}

/// <summary>
/// How <c>sacct --parsable2</c> columns become a <c>ComputeUsageRecord</c>. Every field is taken from
/// the column named in <see cref="Columns"/> (wire name → column), which can be overridden one by one.
/// </summary>
public sealed class SacctMapping
{
    /// <summary>The default columns of each wire field.</summary>
    public static IReadOnlyDictionary<string, string> DefaultColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SacctFields.LocalRecordId] = JobIdColumn,
        [SacctFields.Username] = "User",
        [SacctFields.LocalProjectId] = "Account",
        [SacctFields.SubmitTime] = "Submit",
        [SacctFields.StartTime] = "Start",
        [SacctFields.EndTime] = "End",
        [SacctFields.NodeCount] = "AllocNodes",
        [SacctFields.CpuCoreCount] = "AllocCPUS",
        [SacctFields.JobName] = "JobName",
        [SacctFields.Queue] = "Partition",
    };

    /// <summary>
    /// The columns sacct prints under other names, used when the default column is absent: <c>NNodes</c>
    /// and <c>NCPUS</c> (Open XDMoD's lists ask for these) are, for a job that has run, its allocated nodes
    /// and CPUs, the same numbers as <c>AllocNodes</c> and <c>AllocCPUS</c> (<c>man sacct</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> AlternativeColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SacctFields.NodeCount] = "NNodes",
        [SacctFields.CpuCoreCount] = "NCPUS",
    };

    /// <summary>The column whose job state decides whether a row is a record (<see cref="SacctJobStates"/>).</summary>
    public const string StateColumn = "State";

    /// <summary>The column of the job's run time without suspensions; the charge's hours when present.</summary>
    public const string ElapsedColumn = "Elapsed";

    /// <summary>The column of the job's nodes; <c>None assigned</c> for a job cancelled before it started.</summary>
    public const string NodeListColumn = "NodeList";

    /// <summary>The column of the job's id as sacct shows it (<c>123_4</c>, <c>123+0</c>, <c>123.batch</c>), which tells steps and array ranges.</summary>
    public const string JobIdColumn = "JobID";

    /// <summary>
    /// The columns of a file without a header line (<c>sacct --noheader</c>), in order; null when the
    /// file's first line is its header. See <see cref="SacctColumnLists"/>.
    /// </summary>
    public IReadOnlyList<string>? HeaderlessColumns { get; set; }

    /// <summary>The states whose rows become records; null for <see cref="SacctJobStates.Ended"/>.</summary>
    public IReadOnlySet<string>? States { get; set; }

    /// <summary>The AMIE resource name of every record (<c>Resource</c>); sacct has no column for it. Required.</summary>
    public string? Resource { get; set; }

    /// <summary>How the charge is computed. Default <see cref="ChargeFormula.CpuHours"/>.</summary>
    public ChargeFormula Charge { get; set; } = ChargeFormula.CpuHours;

    /// <summary>What the formula's result is multiplied by (service units per hour). Default 1.</summary>
    public decimal ChargeFactor { get; set; } = 1m;

    /// <summary>The zone sacct's offset-less times are in. Default the machine's local zone.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Local;

    /// <summary>Whether job steps (<c>JobID</c> with a dot, e.g. <c>123.batch</c>) are skipped. Default true: a job is charged once.</summary>
    public bool SkipSteps { get; set; } = true;

    /// <summary>Wire field → sacct column; starts as <see cref="DefaultColumns"/>.</summary>
    public Dictionary<string, string> Columns { get; } = new(DefaultColumns, StringComparer.Ordinal);

    /// <summary>The columns that may feed <paramref name="field"/>, in order of preference: its column, then the alternative when the column is still the default.</summary>
    internal IEnumerable<string> CandidatesOf(string field)
    {
        if (!Columns.TryGetValue(field, out var column))
        {
            yield break;
        }

        yield return column;
        if (DefaultColumns.TryGetValue(field, out var byDefault) && column == byDefault && AlternativeColumns.TryGetValue(field, out var alternative))
        {
            yield return alternative;
        }
    }

    /// <summary>Applies <c>Field=Column</c> overrides (e.g. <c>LocalProjectID=WCKey</c>); an empty column drops the field.</summary>
    /// <exception cref="ArgumentException">An override is not <c>Field=Column</c> or names an unknown field.</exception>
    public void Override(IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (var item in overrides)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--map '{item}' is not Field=Column (e.g. LocalProjectID=WCKey).", nameof(overrides));
            }

            var field = item[..eq].Trim();
            if (!DefaultColumns.ContainsKey(field))
            {
                throw new ArgumentException($"--map '{item}': unknown field '{field}'; known: {string.Join(", ", DefaultColumns.Keys)}.", nameof(overrides));
            }

            var column = item[(eq + 1)..].Trim();
            if (column.Length == 0)
            {
                Columns.Remove(field);
            }
            else
            {
                Columns[field] = column;
            }
        }
    }

    /// <summary>Parses a formula name: <c>cpu-hours</c>, <c>node-hours</c> or <c>hours</c>.</summary>
    public static ChargeFormula ParseFormula(string text) => text.Trim().ToUpperInvariant() switch
    {
        "CPU-HOURS" => ChargeFormula.CpuHours,
        "NODE-HOURS" => ChargeFormula.NodeHours,
        "HOURS" => ChargeFormula.Hours,
        _ => throw new ArgumentException($"--charge '{text}' is not one of cpu-hours, node-hours, hours.", nameof(text)),
    };

    /// <summary>The charge as AMIE wants it: a decimal string with six places.</summary>
    internal string ComputeCharge(int nodes, int cpus, TimeSpan elapsed)
    {
        var hours = (decimal)elapsed.TotalSeconds / 3600m;
        var units = Charge switch
        {
            ChargeFormula.NodeHours => nodes * hours,
            ChargeFormula.Hours => hours,
            _ => cpus * hours,
        };
        return (units * ChargeFactor).ToString("F6", CultureInfo.InvariantCulture);
    }
}
