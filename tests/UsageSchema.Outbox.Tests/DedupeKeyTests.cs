using System.Text.Json;

namespace UsageSchema.Outbox.Tests;

/// <summary>
/// A dedupe key is the text <c>JsonSerializer.Serialize(string?[])</c> writes with the default options:
/// entries stored by earlier releases hold that text, so a key written any other way would not match them.
/// </summary>
public sealed class DedupeKeyTests
{
    public static TheoryData<string> Parts()
    {
        var data = new TheoryData<string>();
        for (var c = '\0'; c < '\u0100'; c++)
        {
            data.Add("res" + c + "ource");
        }

        data.Add("expanse.sdsc.access-ci.org");
        data.Add("ünïcode-ресурс");
        data.Add("emoji-\U0001F600");
        data.Add("");
        return data;
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void Amie_and_gateway_keys_are_the_serializers_text_for_any_character(string part)
    {
        var amie = OutboxItem.For(Records.Compute("id-" + part, resource: part + "x"));
        Assert.Equal(JsonSerializer.Serialize(new[] { part + "x", "id-" + part }), amie.DedupeKey);

        var job = Records.Job(1, resource: part + "y");
        job.JobId = part + "1";
        Assert.Equal(JsonSerializer.Serialize(new[] { part + "y", part + "1" }), OutboxItem.For(job).DedupeKey);
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void Perseus_keys_are_the_serializers_text_with_nulls_for_missing_fields(string part)
    {
        var report = Records.Report(1, user: part);
        report.Partition = null;
        report.Priority = part.Length > 0 ? part : null;
        string?[] expected = [report.ProjectOid, report.ComputeProjectId, report.ResourceId, "2026-03-01T00:00:00.0000000Z", "2026-03-02T00:00:00.0000000Z", report.User, null, report.Priority];
        Assert.Equal(JsonSerializer.Serialize(expected), OutboxItem.For(report).DedupeKey);
    }
}
