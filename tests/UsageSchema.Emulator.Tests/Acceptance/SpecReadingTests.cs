using System.Text.Json.Nodes;
using UsageSchema.Emulator.Acceptance;

namespace UsageSchema.Emulator.Tests.Acceptance;

/// <summary>The engine reads the repository's spec/ files themselves, and judges by what they say.</summary>
public sealed class SpecReadingTests
{
    private static string SpecFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "spec", "amie-usage.v1.yaml")))
            {
                return Path.Combine(directory.FullName, "spec");
            }
        }

        throw new DirectoryNotFoundException("spec/ not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("amie-usage.v1.yaml")]
    [InlineData("access-gateway-attributes.v2.yaml")]
    [InlineData("perseus-usage-reporting.yaml")]
    public void The_embedded_spec_is_the_repositorys_file(string fileName)
    {
        using var embedded = typeof(AcceptanceEngine).Assembly.GetManifestResourceStream("UsageSchema.Emulator.Specs." + fileName);
        Assert.NotNull(embedded);
        using var reader = new StreamReader(embedded);
        Assert.Equal(File.ReadAllText(Path.Combine(SpecFolder(), fileName)), reader.ReadToEnd());
    }

    [Fact]
    public void Every_request_body_of_the_three_specs_has_a_check()
    {
        var engine = AcceptanceEngine.Shared;
        Assert.Contains(("POST", "/usage"), engine.Amie.Operations);
        Assert.Contains(("POST", "/gateway/v2/job_attributes"), engine.Gateway.Operations);
        Assert.Contains(("POST", "/service/UsageReporting/{project_oid}"), engine.Perseus.Operations);
        Assert.Equal("application/x-www-form-urlencoded", engine.Gateway.Body(HttpMethod.Post, "/gateway/v2/job_attributes").MediaType);
    }

    [Fact]
    public void A_rejection_names_the_record_and_the_field_and_keeps_valid_neighbours_apart()
    {
        var check = AcceptanceEngine.Shared.Amie.Body(HttpMethod.Post, "/usage");
        var verdict = check.Check(JsonNode.Parse("""
            {"UsageType": "Compute", "Records": [
              {"Username": "u", "LocalProjectID": "p", "LocalRecordID": "1", "Resource": "r", "SubmitTime": "2021-01-01T00:00:00Z", "StartTime": "2021-01-01T00:00:00Z", "EndTime": "2021-01-01T01:00:00Z", "Charge": "1", "Attributes": {"NodeCount": 1}},
              {"Username": "u", "LocalProjectID": "p", "LocalRecordID": "2", "Resource": "r", "SubmitTime": "2021-01-01", "StartTime": "2021-01-01T00:00:00Z", "EndTime": "2021-01-01T01:00:00Z", "Charge": "1", "Attributes": {"NodeCount": 1, "CpuCoreCount": 0}}
            ]}
            """));

        Assert.All(verdict.Violations, violation => Assert.Equal(1, violation.RecordIndex("Records")));
        Assert.Contains(verdict.Violations, violation => violation.Path == "Records[1].SubmitTime");
        Assert.Contains(verdict.Violations, violation => violation.Path == "Records[1].Attributes.CpuCoreCount" && violation.Message.EndsWith("got 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_member_is_never_repeated_in_a_violation()
    {
        var check = AcceptanceEngine.Shared.Gateway.Body(HttpMethod.Post, "/gateway/v2/job_attributes");
        var verdict = check.Check(JsonNode.Parse("""{"gatewayuser": "u", "xsederesourcename": "expanse.sdsc.xsede.org", "jobid": "1", "submittime": "2019-05-31 14:32:00", "apikey": 12345678}"""));

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal("apikey", violation.Path);
        Assert.DoesNotContain("12345678", violation.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>A synthetic spec read the same way as the embedded ones: what Microsoft.OpenApi writes back is what the dialect translates.</summary>
public sealed class SyntheticSpecReadingTests
{
    private const string Yaml = """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /things:
            post:
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/Thing'
              responses:
                '200': {description: ok}
        components:
          schemas:
            Thing:
              type: object
              required: [size]
              properties:
                size: {type: number, minimum: 0, exclusiveMinimum: true}
                label: {type: string, nullable: true, x-csharp-name: Label}
        """;

    private static RequestBodyCheck Check()
    {
        using var buffer = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Yaml));
        return SpecDocument.Read("synthetic.yaml", buffer, UsageApi.Perseus).Body(HttpMethod.Post, "/things");
    }

    [Theory]
    [InlineData("""{"size": 1, "label": null}""", true)]
    [InlineData("""{"size": 1, "label": "x"}""", true)]
    [InlineData("""{"size": 0}""", false)]
    [InlineData("""{"size": 1, "label": 5}""", false)]
    [InlineData("""{"label": "x"}""", false)]
    public void Nullable_and_boolean_exclusive_bounds_survive_the_round_trip(string body, bool accepted) =>
        Assert.Equal(accepted, Check().Check(JsonNode.Parse(body)).Accepted);

    [Fact]
    public void A_spec_that_is_not_OpenAPI_stops_the_reading()
    {
        using var buffer = new MemoryStream("openapi: 3.0.3\npaths: 5\n"u8.ToArray());
        Assert.Throws<InvalidOperationException>(() => SpecDocument.Read("broken.yaml", buffer, UsageApi.Amie));
    }
}
