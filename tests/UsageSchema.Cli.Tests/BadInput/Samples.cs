using System.Text;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>
/// One valid record of each kind, as a JSON line and as CSV cells. Every bad-input test surrounds its
/// bad line with these, so that any problem other than the one it is about is a reader bug.
/// </summary>
internal static class Samples
{
    public const string ComputeJson = """{"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "1", "Resource": "expanse.sdsc.access-ci.org", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00", "EndTime": "2024-03-01T10:20:12-08:00", "Charge": "1.0", "Attributes": {"NodeCount": 1}}""";

    public const string StorageJson = """{"Username": "jdoe", "LocalProjectID": "csd123", "LocalRecordID": "s1", "Resource": "expanse.sdsc.access-ci.org", "CollectionTime": "2024-03-01T00:00:00Z", "Charge": "2.5", "Attributes": {"BytesStored": 1024}}""";

    public const string AdjustmentJson = """{"AdjustmentType": "storage-credit", "Charge": "-3", "StartTime": "2024-03-01T00:00:00Z", "LocalProjectID": "csd123", "LocalRecordID": "a1", "Resource": "expanse.sdsc.access-ci.org", "Username": "jdoe"}""";

    public const string PerseusJson = """{"project_oid": "65e1f0c2a9b34d0012c4e7a1", "compute_project_id": "hpc-prf-demo", "resource_id": "noctua2-cpu", "start": "2024-03-01T00:00:00+01:00", "end": "2024-03-02T00:00:00+01:00", "value": 12.5}""";

    public const string GatewayJson = """{"gatewayuser": "alice@gateway.org", "xsederesourcename": "expanse.sdsc.access-ci.org", "jobid": "12345", "submittime": "2019-05-31 14:32:00 -07:00", "software": "gromacs"}""";

    public const string CsvHeader = "Username,LocalProjectID,LocalRecordID,Resource,SubmitTime,StartTime,EndTime,Charge,Attributes.NodeCount,Attributes.JobName";

    public const string SacctHeader = "JobID|User|Account|Partition|Submit|Start|End|AllocNodes|AllocCPUS|JobName|State";

    /// <summary>A valid CSV row under <see cref="CsvHeader"/>.</summary>
    public static string CsvRow(int id, string jobName = "run") =>
        $"jdoe,csd123,{id},expanse.sdsc.access-ci.org,2024-03-01T08:15:00-08:00,2024-03-01T08:20:12-08:00,2024-03-01T10:20:12-08:00,256.0,1,{jobName}";

    /// <summary>A valid sacct row under <see cref="SacctHeader"/>.</summary>
    public static string SacctRow(int id, string user = "jdoe", string jobName = "md") =>
        $"{id}|{user}|csd123|compute|2024-03-01T08:15:00|2024-03-01T08:20:00|2024-03-01T10:20:00|1|128|{jobName}|COMPLETED";

    public static SacctMapping Mapping() => new() { Resource = "expanse.sdsc.access-ci.org", TimeZone = TimeZoneInfo.Utc };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The lines joined with <c>\n</c>, with <paramref name="bad"/> bytes spliced in at the <c>@</c> marker.</summary>
    public static byte[] WithBytes(string text, params byte[] bad)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return [.. Utf8(text[..at]), .. bad, .. Utf8(text[(at + 1)..])];
    }
}
