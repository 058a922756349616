using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Errors;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Wire;

public class PerseusWireTests
{
    private const string ProjectOid = "65f1c0ffee0123456789abcd";

    private static UsageReport MinimalReport() => new()
    {
        ProjectOid = ProjectOid,
        ComputeProjectId = "hpc-prf-abc",
        ResourceId = "noctua2-cpu",
        Start = "2024-03-01T00:00:00+01:00",
        End = "2024-03-02T00:00:00+01:00",
        Value = 1234.5,
    };

    [Fact]
    public void Full_report_writes_exactly_the_documented_keys_in_spec_order()
    {
        var report = MinimalReport();
        report.ContingentFactor = 0.5;
        report.User = "jdoe";
        report.Partition = "normal";
        report.Priority = "standard";
        report.AdditionalMetrics = [new AdditionalMetric { MetricId = "energy-kwh", Value = 12, ContingentFactor = 0 }];
        report.AdditionalResources = [new AdditionalResource { ResourceId = "noctua2-gpu", Value = 3 }];
        report.AdditionalData = new Dictionary<string, JsonElement> { ["jobs"] = JsonSerializer.SerializeToElement(17) };

        var json = JsonNode.Parse(JsonSerializer.Serialize(report, UsageJson.Options))!.AsObject();

        Assert.Equal(
            ["project_oid", "compute_project_id", "resource_id", "start", "end", "value", "contingent_factor", "user", "partition", "priority", "additional_metrics", "additional_resources", "additional_data"],
            json.Select(property => property.Key));
        Assert.Equal(["resource_id", "value"], json["additional_resources"]![0]!.AsObject().Select(property => property.Key));
        Assert.Equal(0, json["additional_metrics"]![0]!["contingent_factor"]!.GetValue<double>());
    }

    [Fact]
    public void Minimal_report_omits_every_optional_member_including_contingent_factor()
    {
        var text = JsonSerializer.Serialize(MinimalReport(), UsageJson.Options);

        Assert.Equal(
            """{"project_oid":"65f1c0ffee0123456789abcd","compute_project_id":"hpc-prf-abc","resource_id":"noctua2-cpu","start":"2024-03-01T00:00:00+01:00","end":"2024-03-02T00:00:00+01:00","value":1234.5}""",
            text);
    }

    [Theory]
    [InlineData("""{"detail":"Project not found"}""", "Project not found")]
    [InlineData("""{"message":"Invalid token"}""", "Invalid token")]
    [InlineData("""{"error":"Invalid resource"}""", "Invalid resource")]
    [InlineData("""{"errors":["start must be before end","value must be positive"]}""", "start must be before end; value must be positive")]
    [InlineData("""{"errors":{"start":["must be before end"],"value":"must be positive"}}""", "start: must be before end; value: must be positive")]
    [InlineData("""{"detail":[{"loc":["body","start"],"msg":"field required","type":"value_error.missing"}]}""", "body.start: field required")]
    [InlineData("""{"message":"second","detail":"first"}""", "first")]
    [InlineData("""{"detail":null,"message":"fallback"}""", "fallback")]
    [InlineData("""{"Error":"case does not matter"}""", "case does not matter")]
    public void Error_bodies_of_every_documented_shape_become_one_message(string body, string expected)
    {
        Assert.Equal(expected, ServiceErrorMessage.Extract(body));
    }

    [Theory]
    [InlineData(null, "(empty response body)")]
    [InlineData("   ", "(empty response body)")]
    [InlineData("Bad Gateway\n", "Bad Gateway")]
    [InlineData("""{"detail": "trunc""", """{"detail": "trunc""")]
    [InlineData("""{"status":500}""", """{"status":500}""")]
    public void Bodies_without_a_message_member_still_give_a_readable_message(string? body, string expected)
    {
        Assert.Equal(expected, ServiceErrorMessage.Extract(body));
    }
}
