using System.Globalization;
using System.Text;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// Writes JSON Lines files of usage records for the end-to-end tests, and says what a service should
/// hold after they were sent: the valid records (by their service key) and the invalid lines with the
/// problem the CLI must report for each.
/// </summary>
internal static class RecordFiles
{
    public const string AmieResource = "expanse.sdsc.access-ci.org";
    public const string GatewayResource = "expanse.sdsc.xsede.org";
    public const string PerseusProject = "65e1f0c2a9b34d0012c4e7a1";

    /// <summary>
    /// <paramref name="count"/> AMIE compute records, <c>LocalRecordID</c> <c>r1</c>, <c>r2</c>...; every
    /// <paramref name="invalidEvery"/>-th line (0: none) is invalid, alternately a spec violation
    /// (<c>NodeCount</c> 0) and a line that is not JSON.
    /// </summary>
    public static ExpectedContents Amie(string path, int count, int invalidEvery)
    {
        var expected = new ExpectedContents();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var line = 1; line <= count; line++)
        {
            var id = "r" + line.ToString(CultureInfo.InvariantCulture);
            var charge = (line % 7) + 1;
            var invalid = invalidEvery > 0 && line % invalidEvery == 0;
            var nodes = invalid && line / invalidEvery % 2 == 1 ? 0 : (line % 4) + 1;
            var record = string.Create(CultureInfo.InvariantCulture,
                $$"""{"Username": "u{{line % 50}}", "LocalProjectID": "p{{line % 10}}", "LocalRecordID": "{{id}}", "Resource": "{{AmieResource}}", "SubmitTime": "2024-03-01T08:15:00-08:00", "StartTime": "2024-03-01T08:20:12-08:00", "EndTime": "2024-03-01T10:20:12-08:00", "Attributes": {"NodeCount": {{nodes}}, "JobName": "job {{line}} of a fault test"}, "Charge": "{{charge}}.0"}""");
            if (!invalid)
            {
                expected.Valid[id] = charge;
            }
            else if (nodes == 0)
            {
                expected.Invalid.Add($"line {line.ToString(CultureInfo.InvariantCulture)}: Attributes.NodeCount: must be >= 1; got 0");
            }
            else
            {
                record = record[..(record.Length / 2)];
                expected.Invalid.Add($"line {line.ToString(CultureInfo.InvariantCulture)}: malformed JSON");
            }

            writer.WriteLine(record);
        }

        return expected;
    }

    /// <summary>
    /// PERSEUS reports for <paramref name="keys"/> upsert keys (one a day), each written
    /// <paramref name="versions"/> times with a different value, the versions spread through the file
    /// (all keys' first versions, then all second versions...), so the last line of a key holds its
    /// final value. Every <paramref name="invalidEvery"/>-th line (0: none) is not JSON; the key's last
    /// valid line then holds its final value.
    /// </summary>
    public static ExpectedContents Perseus(string path, int keys, int versions, int invalidEvery)
    {
        var expected = new ExpectedContents();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var line = 0;
        var day0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        for (var version = 1; version <= versions; version++)
        {
            for (var key = 0; key < keys; key++)
            {
                line++;
                var start = day0.AddDays(key);
                var value = (key * 10) + version + 0.5;
                var keyName = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (invalidEvery > 0 && line % invalidEvery == 0)
                {
                    // Not JSON: the reader reports the line and sends its neighbours.
                    writer.WriteLine("{\"project_oid\": \"" + PerseusProject + "\", \"value\": ");
                    expected.Invalid.Add($"line {line.ToString(CultureInfo.InvariantCulture)}: malformed JSON");
                    continue;
                }

                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"project_oid": "{{PerseusProject}}", "compute_project_id": "hpc-prf-faults", "resource_id": "noctua2-cpu", "start": "{{start:yyyy-MM-dd}}T00:00:00+01:00", "end": "{{start.AddDays(1):yyyy-MM-dd}}T00:00:00+01:00", "value": {{value}}}"""));
                expected.Valid[keyName] = value;
            }
        }

        return expected;
    }

    /// <summary>Gateway job attributes, job ids <c>j1</c>, <c>j2</c>...; every <paramref name="invalidEvery"/>-th line (0: none) has an empty gateway user.</summary>
    public static ExpectedContents Gateway(string path, int count, int invalidEvery)
    {
        var expected = new ExpectedContents();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var line = 1; line <= count; line++)
        {
            var id = "j" + line.ToString(CultureInfo.InvariantCulture);
            if (invalidEvery > 0 && line % invalidEvery == 0)
            {
                writer.WriteLine("{\"gatewayuser\": \"u" + line.ToString(CultureInfo.InvariantCulture) + "@example.edu\", \"xsederesourcename\": ");
                expected.Invalid.Add($"line {line.ToString(CultureInfo.InvariantCulture)}: malformed JSON");
                continue;
            }

            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $$"""{"gatewayuser": "u{{line % 30}}@example.edu", "xsederesourcename": "{{GatewayResource}}", "jobid": "{{id}}", "submittime": "2024-03-01 08:15:00 -08:00"}"""));
            expected.Valid[id] = 1;
        }

        return expected;
    }
}

/// <summary>What a file should leave at the service once everything valid is delivered.</summary>
internal sealed class ExpectedContents
{
    /// <summary>Valid records by their key at the service (AMIE <c>LocalRecordID</c>, PERSEUS start day, gateway job id) and the value the service must hold (AMIE charge, PERSEUS value: the last in the file).</summary>
    public Dictionary<string, double> Valid { get; } = new(StringComparer.Ordinal);

    /// <summary>For each invalid line, the problem the CLI must print (<c>line N: field: reason</c>).</summary>
    public List<string> Invalid { get; } = [];
}
