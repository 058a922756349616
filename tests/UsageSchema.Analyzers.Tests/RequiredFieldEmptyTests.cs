using VerifyCS = UsageSchema.Analyzers.Tests.Harness.CSharpAnalyzerVerifier;

namespace UsageSchema.Analyzers.Tests;

/// <summary>USG1002: a required field set to null, an empty string or default, reported on the value as written.</summary>
public class RequiredFieldEmptyTests
{
    private const string CannotBeTold = "default, which cannot be told from a missing value";

    [Fact]
    public async Task Null_empty_and_default_values_of_required_fields_are_reported_on_the_value()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static AdjustmentUsageRecord M() => new()
                {
                    AdjustmentType = {|#0:default|},
                    Charge = {|#1:null!|},
                    StartTime = {|#2:""|},
                    LocalProjectId = {|#3:string.Empty|},
                    LocalRecordId = {|#4:default!|},
                    Resource = {|#5:default(string)!|},
                    Username = "jdoe",
                };
            }
            """,
            VerifyCS.Diagnostic("USG1002").WithLocation(0).WithMessage($"AdjustmentUsageRecord field 'AdjustmentType' (AdjustmentType) is required but set to {CannotBeTold}"),
            VerifyCS.Diagnostic("USG1002").WithLocation(1).WithMessage("AdjustmentUsageRecord field 'Charge' (Charge) is required but set to null"),
            VerifyCS.Diagnostic("USG1002").WithLocation(2).WithMessage("AdjustmentUsageRecord field 'StartTime' (StartTime) is required but set to an empty string"),
            VerifyCS.Diagnostic("USG1002").WithLocation(3).WithMessage("AdjustmentUsageRecord field 'LocalProjectID' (LocalProjectId) is required but set to an empty string"),
            VerifyCS.Diagnostic("USG1002").WithLocation(4).WithMessage("AdjustmentUsageRecord field 'LocalRecordID' (LocalRecordId) is required but set to null"),
            VerifyCS.Diagnostic("USG1002").WithLocation(5).WithMessage("AdjustmentUsageRecord field 'Resource' (Resource) is required but set to null"));
    }

    [Fact]
    public async Task Assignments_outside_initializers_are_checked_too_and_count_as_set_for_USG1001()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static void M(JobAttributes attributes, UsageReport report)
                {
                    attributes.GatewayUser = {|#0:""|};
                    report.Value = {|#1:default|};
                    var nested = new ComputeAttributes();
                    nested.NodeCount = {|#2:default|};
                }
            }
            """,
            VerifyCS.Diagnostic("USG1002").WithLocation(0).WithMessage("JobAttributes field 'gatewayuser' (GatewayUser) is required but set to an empty string"),
            VerifyCS.Diagnostic("USG1002").WithLocation(1).WithMessage($"UsageReport field 'value' (Value) is required but set to {CannotBeTold}"),
            VerifyCS.Diagnostic("USG1002").WithLocation(2).WithMessage($"ComputeAttributes field 'NodeCount' (NodeCount) is required but set to {CannotBeTold}"));
    }

    [Fact]
    public async Task Optional_fields_real_values_and_look_alikes_are_not_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
    }
}
