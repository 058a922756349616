using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.Sacct;

/// <summary>
/// The realistic sacct dumps in <c>Fixtures/Sacct</c> and what each must read as. The four <c>xdmod*</c>
/// files hold the same 18 allocation rows (as <c>sacct --allocations --duplicates</c> writes them, with
/// <c>TZ=UTC</c>) in each of Open XDMoD's column lists; <c>steps.sacct</c> is a dump without
/// <c>--allocations</c>, steps included.
/// </summary>
internal static class SacctFixtures
{
    public const string Resource = "expanse.sdsc.access-ci.org";

    public static string Path(string name) => CliProcess.Fixture(System.IO.Path.Combine("Sacct", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    public static SacctMapping Mapping(string? columns = null) => new()
    {
        Resource = Resource,
        TimeZone = TimeZoneInfo.Utc,
        HeaderlessColumns = columns is null ? null : SacctColumnLists.Parse(columns),
    };

    /// <summary>The ended jobs of the xdmod files, in file order: row (1-based, without header), LocalRecordID, cpu-hours charge.</summary>
    public static IReadOnlyList<(int Row, string Id, string Charge)> Records { get; } =
    [
        (1, "4103940", "256.000000"),     // COMPLETED: 128 CPUs x 2 h
        (5, "4103944", "16.000000"),      // CANCELLED by 10001 after it started: 32 x 0.5 h
        (6, "4103945", "104.204444"),     // TIMEOUT, Elapsed 1-02:03:04: 4 x 26.0511 h
        (7, "4103946", "0.408889"),       // OUT_OF_MEMORY, Elapsed 00:03:04: 8 x 184 s
        (8, "4103947_1", "1.000000"),     // array task
        (9, "4103947_2", "0.500000"),     // array task, FAILED
        (12, "4103960+0", "256.000000"),  // heterogeneous job, component 0
        (13, "4103960+1", "10.000000"),   // component 1
        (15, "4103970", "8.000000"),      // the run of a requeued job that completed
        (17, "4103972", "12.000000"),     // NODE_FAIL, empty job name
    ];

    /// <summary>The rows of the xdmod files that are skipped: row, JobID, the start of the reason.</summary>
    public static IReadOnlyList<(int Row, string Id, string Reason)> Skipped { get; } =
    [
        (2, "4103941", "RUNNING"),
        (3, "4103942", "PENDING"),
        (4, "4103943", "CANCELLED before it started"),
        (10, "4103947_[3-5]", "pending job-array range"),
        (11, "4103950_[1,4-5%2]", "pending job-array range"),
        (14, "4103970", "REQUEUED"),
        (16, "4103971", "BOOT_FAIL without having started"),
        (18, "4103973", "SUSPENDED"),
    ];

    /// <summary>The sum of <see cref="Records"/>' charges.</summary>
    public static decimal TotalCharge => Records.Sum(record => decimal.Parse(record.Charge, System.Globalization.CultureInfo.InvariantCulture));
}
