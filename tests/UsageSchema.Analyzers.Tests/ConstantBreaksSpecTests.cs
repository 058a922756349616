using Microsoft.CodeAnalysis.Testing;
using VerifyCS = UsageSchema.Analyzers.Tests.Harness.CSharpAnalyzerVerifier;

namespace UsageSchema.Analyzers.Tests;

/// <summary>USG1003: a constant that breaks the member's format, pattern, length, range or enum, reported on the value as written, once per broken rule.</summary>
public class ConstantBreaksSpecTests
{
    private const string DateTimeRule = "must be an ISO 8601 date-time with offset, e.g. 2024-03-01T10:00:00-05:00; got ";

    [Theory]
    [InlineData("2024-03-01T08:15:00")]
    [InlineData("2024-03-01 08:15:00-08:00")]
    [InlineData("2024-03-01")]
    [InlineData("2024-02-30T08:15:00Z")]
    [InlineData("2024-03-01T24:00:00Z")]
    [InlineData("2024-03-01T08:15:00+15:00")]
    [InlineData("2024-03-01T08:15:00.1234567890Z")]
    [InlineData("2024-03-01T08:15:00.Z")]
    [InlineData("2024-03-01T08:15:00-0800")]
    [InlineData("yesterday")]
    public async Task A_date_time_constant_without_an_offset_or_otherwise_not_ISO_8601_is_reported(string value)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            public static class C
            {
                public static void M(ComputeUsageRecord record) => record.StartTime = {|#0:"{{value}}"|};
            }
            """,
            VerifyCS.Diagnostic("USG1003").WithLocation(0).WithMessage($"ComputeUsageRecord field 'StartTime' (StartTime) {DateTimeRule}'{value}'"));
    }

    [Theory]
    [InlineData("2024-03-01T08:15:00Z")]
    [InlineData("2024-03-01t08:15:00z")]
    [InlineData("2024-03-01T08:15:00-08:00")]
    [InlineData("2024-03-01T08:15:00.5+14:00")]
    [InlineData("2024-03-01T08:15:00.123456789Z")]
    [InlineData("2024-02-29T23:59:59-00:00")]
    public async Task An_ISO_8601_date_time_with_an_offset_is_not_reported(string value)
    {
        await VerifyCS.VerifyAnalyzerAsync($$"""
            public static class C
            {
                public static void M(UsageReport report) => report.Start = "{{value}}";
            }
            """);
    }

    [Theory]
    [InlineData("2024-03-01T08:15:00")]
    [InlineData("2024-03-01 08:15:00-08:00")]
    [InlineData("2024-02-30T08:15:00Z")]
    [InlineData("2024-03-01T08:15:00Z")]
    [InlineData("2024-03-01T08:15:00.123456789+14:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public async Task The_date_time_rule_is_the_one_Validate_applies(string value)
    {
        var record = new UsageSchema.Perseus.UsageReport { Start = value };
        var validateRejects = record.Validate().Violations.Any(violation => violation.Path == "start");

        DiagnosticResult[] expected = validateRejects ? [VerifyCS.Diagnostic("USG1003").WithLocation(0)] : [];
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            public static class C
            {
                public static void M(UsageReport report) => report.Start = {|#0:"{{value}}"|};
            }
            """,
            expected);
    }

    [Fact]
    public async Task Pattern_length_range_and_enum_constants_are_reported_in_Validates_words()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                private const string Oid = "65e1f0c2";

                public static object[] M() =>
                [
                    new ComputeAttributes { NodeCount = {|#0:0|}, CpuCoreCount = {|#1:-2|}, Memory = {|#2:-1L|} },
                    new UsageReport
                    {
                        ProjectOid = {|#3:Oid|},
                        ComputeProjectId = "p",
                        ResourceId = "r",
                        Start = "2024-03-01T00:00:00Z",
                        End = "2024-03-02T00:00:00Z",
                        Value = {|#4:double.NaN|},
                        ContingentFactor = {|#5:-0.5|},
                        User = {|#6:""|},
                    },
                    new AdjustmentUsageRecord
                    {
                        AdjustmentType = {|#7:(AdjustmentType)42|},
                        Charge = {|#8:"1e3"|},
                        StartTime = "2024-03-01T08:15:00Z",
                        LocalProjectId = "csd123",
                        LocalRecordId = "1",
                        Resource = "expanse",
                        Username = "jdoe",
                    },
                    new JobAttributes { GatewayUser = "u", XsedeResourceName = {|#9:"-expanse"|}, JobId = "1", SubmitTime = {|#10:"2024-03-01 08:15:00 IST"|} },
                ];
            }
            """,
            Broken(0, "ComputeAttributes field 'NodeCount' (NodeCount) must be >= 1; got 0"),
            Broken(1, "ComputeAttributes field 'CpuCoreCount' (CpuCoreCount) must be >= 1; got -2"),
            Broken(2, "ComputeAttributes field 'Memory' (Memory) must be >= 0; got -1"),
            Broken(3, "UsageReport field 'project_oid' (ProjectOid) must be at least 24 character(s) long; got 8"),
            Broken(3, "UsageReport field 'project_oid' (ProjectOid) must match the pattern ^[0-9a-fA-F]{24}$; got '65e1f0c2'"),
            Broken(4, "UsageReport field 'value' (Value) must be a finite number; got NaN"),
            Broken(5, "UsageReport field 'contingent_factor' (ContingentFactor) must be >= 0; got -0.5"),
            Broken(6, "UsageReport field 'user' (User) must be at least 1 character(s) long; got 0"),
            Broken(7, "AdjustmentUsageRecord field 'AdjustmentType' (AdjustmentType) must be one of credit, refund, storage-credit, debit, reservation, storage-debit; got the undefined value 42"),
            Broken(8, "AdjustmentUsageRecord field 'Charge' (Charge) must match the pattern ^-?[0-9]+(\\.[0-9]+)?$; got '1e3'"),
            Broken(9, "JobAttributes field 'xsederesourcename' (XsedeResourceName) must match the pattern ^[A-Za-z0-9][A-Za-z0-9.\\-]*$; got '-expanse'"),
            Broken(10, "JobAttributes field 'submittime' (SubmitTime) must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?( ?([+-][0-9]{2}(:?[0-9]{2})?|Z|UTC|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|HDT|WET|WEST|CET|CEST|EET|EEST))?$; got '2024-03-01 08:15:00 IST'"));
    }

    [Fact]
    public async Task A_trailing_newline_breaks_an_anchored_pattern_as_in_ECMA_262()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static void M(ComputeUsageRecord record) => record.Charge = {|#0:"12\n"|};
            }
            """,
            Broken(0, "ComputeUsageRecord field 'Charge' (Charge) must match the pattern ^-?[0-9]+(\\.[0-9]+)?$; got '12\\n'"));
    }

    [Fact]
    public async Task A_secret_members_value_is_never_shown()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            [UsageSchema.Metadata.SpecSchema("site.yaml", "Credentials")]
            [UsageSchema.Metadata.SpecMember("key", "Key", Pattern = "^[a-f0-9]{32}$", MaxLength = 32, Secret = true)]
            public class Credentials
            {
                public string? Key { get; set; }
            }

            public static class C
            {
                public static Credentials M() => new() { Key = {|#0:"hunter2-hunter2-hunter2-hunter2-hunter2"|} };
            }
            """,
            Broken(0, "Credentials field 'key' (Key) must be at most 32 character(s) long; got 39"),
            Broken(0, "Credentials field 'key' (Key) must match the pattern ^[a-f0-9]{32}$; got (redacted)"));
    }

    [Fact]
    public async Task Valid_constants_non_constants_and_look_alikes_are_not_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace Scheduler
            {
                public enum AdjustmentType { Credit }

                public class UsageReport
                {
                    public string? Start { get; set; }
                    public double Value { get; set; }
                    public AdjustmentType Type { get; set; }
                }
            }

            public static class C
            {
                public static void M(ComputeUsageRecord record, ComputeAttributes attributes, AdjustmentUsageRecord adjustment, Scheduler.UsageReport lookAlike, string text, int count)
                {
                    record.Charge = "-256.000001";
                    record.SubmitTime = text;
                    record.ParentRecordId = "parent";
                    attributes.NodeCount = 1;
                    attributes.NodeCount = count;
                    attributes.Memory = 0;
                    adjustment.AdjustmentType = AdjustmentType.StorageDebit;
                    adjustment.AdjustmentType = (AdjustmentType)3;
                    lookAlike.Start = "yesterday";
                    lookAlike.Value = -1;
                    lookAlike.Type = (Scheduler.AdjustmentType)42;
                }
            }
            """);
    }

    private static DiagnosticResult Broken(int location, string message) =>
        VerifyCS.Diagnostic("USG1003").WithLocation(location).WithMessage(message);
}
