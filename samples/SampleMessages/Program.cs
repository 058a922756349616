// Prints one valid message for each API in its wire form, and the parse of two gateway replies.
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

// AMIE Usage API: POST /usage with one compute record. Times are ISO 8601 with offset, Charge a
// string, counts integers; unset optional members (ParentRecordID, Memory, ...) are omitted.
var amie = new ComputeUsageMessage
{
    Records =
    {
        new ComputeUsageRecord
        {
            Username = "jdoe",
            LocalProjectId = "csd123",
            LocalRecordId = "31415926",
            Resource = "expanse.sdsc.access-ci.org",
            SubmitTime = "2024-03-01T08:15:00-08:00",
            StartTime = "2024-03-01T08:20:12-08:00",
            EndTime = "2024-03-01T10:20:12-08:00",
            Charge = "256.000000",
            Attributes = new ComputeAttributes
            {
                NodeCount = 1,
                CpuCoreCount = 128,
                JobName = "gromacs-md-run",
                Queue = "compute",
            },
        },
    },
};

Heading("AMIE Usage API: POST /usage (ComputeUsageMessage, written as UsageMessage)");
Console.WriteLine(JsonSerializer.Serialize<UsageMessage>(amie, UsageJson.IndentedOptions));

// ACCESS Gateway Attributes API: POST /gateway/v2/job_attributes, form-encoded. The key goes in
// the XA-API-Key header, never in the body.
var gateway = new JobAttributes
{
    GatewayUser = "jane.doe@example.edu",
    XsedeResourceName = "expanse.sdsc.xsede.org",
    JobId = "4937919",
    SubmitTime = "2024-03-01 08:15:00 -08:00",
    Software = "GROMACS 2023.3",
};

Heading("ACCESS Gateway Attributes API: JobAttributes as JSON");
Console.WriteLine(JsonSerializer.Serialize(gateway, UsageJson.IndentedOptions));

Heading("ACCESS Gateway Attributes API: POST /gateway/v2/job_attributes body (application/x-www-form-urlencoded)");
var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(JsonSerializer.Serialize(gateway, UsageJson.Options), UsageJson.Options)
    ?? throw new InvalidOperationException("JobAttributes serialized to null.");
using (var form = new FormUrlEncodedContent(fields))
{
    Console.WriteLine(await form.ReadAsStringAsync().ConfigureAwait(false));
}

// PERSEUS UsageReporting: POST /service/UsageReporting/{project_oid} with one usage report.
var perseus = new UsageReport
{
    ProjectOid = "65e1f0c2a9b34d0012c4e7a1",
    ComputeProjectId = "hpc-prf-demo",
    ResourceId = "noctua2-cpu",
    Start = "2024-03-01T00:00:00+01:00",
    End = "2024-03-02T00:00:00+01:00",
    Value = 1234.5,
    ContingentFactor = 1,
    User = "jdoe",
    Partition = "normal",
    AdditionalMetrics = [new AdditionalMetric { MetricId = "energy-kwh", Value = 42.7, ContingentFactor = 0 }],
    AdditionalResources = [new AdditionalResource { ResourceId = "noctua2-gpu", Value = 16, ContingentFactor = 2 }],
    // additional_data is "any data" in the spec: JSON values, so any shape round-trips as sent.
    AdditionalData = new Dictionary<string, JsonElement> { ["jobs"] = JsonSerializer.SerializeToElement(17), ["source"] = JsonSerializer.SerializeToElement("slurm sacct") },
};

Heading($"PERSEUS UsageReporting: POST /service/UsageReporting/{perseus.ProjectOid}");
Console.WriteLine(JsonSerializer.Serialize(perseus, UsageJson.IndentedOptions));

// The gateway answers in plain text; JobAttributesReply.Parse turns it into a typed result.
const string StagedReply = """
    Job attributes:
      Job: 4937919
      Job submitted: 2024-03-01 08:15:00-0800
      Resource Name: expanse.sdsc.xsede
      Gateway Name: xsede-example-gateway
      Gateway User: jane.doe@example.edu
    """;
const string UnknownResourceReply = """
    Did you mean one of these?
    anvil.purdue.xsede.org
    delta.ncsa.xsede.org
    expanse.sdsc.xsede.org

    """;

foreach (var (title, text) in new[] { ("staged", StagedReply), ("unknown resource", UnknownResourceReply) })
{
    Heading($"ACCESS Gateway Attributes API: parsed plain-text reply ({title})");
    var reply = JobAttributesReply.Parse(text);
    Console.WriteLine($"Kind: {reply.Kind}");
    foreach (var (name, value) in reply.Attributes)
    {
        Console.WriteLine($"  {name}: {value}");
    }

    if (reply.SuggestedResourceNames.Count > 0)
    {
        Console.WriteLine($"  Suggested resource names: {string.Join(", ", reply.SuggestedResourceNames)}");
    }

    Console.WriteLine(reply);
}

static void Heading(string title)
{
    Console.WriteLine();
    Console.WriteLine($"== {title} ==");
}
