using UsageSchema.Analyzers.Tests.Harness;

namespace UsageSchema.Analyzers.Tests;

/// <summary>USG1002: a required field set to null, an empty string or default.</summary>
public class RequiredFieldEmptyTests
{
    [Fact]
    public async Task Null_empty_and_default_values_of_required_fields_are_reported_on_the_value()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static AdjustmentUsageRecord M() => new()
                {
                    AdjustmentType = default,
                    Charge = null!,
                    StartTime = "",
                    LocalProjectId = string.Empty,
                    LocalRecordId = default!,
                    Resource = default(string)!,
                    Username = "jdoe",
                };
            }
            """);

        Assert.Equal(
            [
                "USG1002 5: AdjustmentUsageRecord field 'AdjustmentType' (AdjustmentType) is required but set to default, which cannot be told from a missing value",
                "USG1002 6: AdjustmentUsageRecord field 'Charge' (Charge) is required but set to null",
                "USG1002 7: AdjustmentUsageRecord field 'StartTime' (StartTime) is required but set to an empty string",
                "USG1002 8: AdjustmentUsageRecord field 'LocalProjectID' (LocalProjectId) is required but set to an empty string",
                "USG1002 9: AdjustmentUsageRecord field 'LocalRecordID' (LocalRecordId) is required but set to null",
                "USG1002 10: AdjustmentUsageRecord field 'Resource' (Resource) is required but set to null",
            ],
            diagnostics.Select(AnalyzerHarness.Describe));
        Assert.Equal(["default", "null!", "\"\"", "string.Empty", "default!", "default(string)!"], diagnostics.Select(AnalyzerHarness.LocatedText));
    }

    [Fact]
    public async Task Assignments_outside_initializers_are_checked_too_and_count_as_set_for_USG1001()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static void M(JobAttributes attributes, UsageReport report)
                {
                    attributes.GatewayUser = "";
                    report.Value = default;
                    var nested = new ComputeAttributes();
                    nested.NodeCount = default;
                }
            }
            """);

        Assert.Equal(
            [
                "USG1002 5: JobAttributes field 'gatewayuser' (GatewayUser) is required but set to an empty string",
                "USG1002 6: UsageReport field 'value' (Value) is required but set to default, which cannot be told from a missing value",
                "USG1002 8: ComputeAttributes field 'NodeCount' (NodeCount) is required but set to default, which cannot be told from a missing value",
            ],
            diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Optional_fields_real_values_and_look_alikes_are_not_reported()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            namespace Scheduler
            {
                public class ComputeUsageRecord
                {
                    public string? Username { get; set; }
                }
            }

            public static class C
            {
                public static void M(ComputeUsageRecord record, ComputeAttributes attributes, Scheduler.ComputeUsageRecord lookAlike, string user)
                {
                    record.ParentRecordId = null;
                    record.LocalReference = default;
                    record.Username = user;
                    record.Charge = "0";
                    attributes.CpuCoreCount = default;
                    attributes.NodeCount = 2;
                    lookAlike.Username = "";
                    lookAlike.Username = null;
                }
            }
            """);

        Assert.Empty(diagnostics);
    }
}
