using UsageSchema.Analyzers.Tests.Harness;

namespace UsageSchema.Analyzers.Tests;

/// <summary>USG1003: a constant that breaks the member's format, pattern, length, range or enum.</summary>
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
        var diagnostics = await AnalyzerHarness.AnalyzeAsync($$"""
            public static class C
            {
                public static void M(ComputeUsageRecord record) => record.StartTime = "{{value}}";
            }
            """);

        Assert.Equal([$"USG1003 3: ComputeUsageRecord field 'StartTime' (StartTime) {DateTimeRule}'{value}'"], diagnostics.Select(AnalyzerHarness.Describe));
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
        var diagnostics = await AnalyzerHarness.AnalyzeAsync($$"""
            public static class C
            {
                public static void M(UsageReport report) => report.Start = "{{value}}";
            }
            """);

        Assert.Empty(diagnostics);
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

        var diagnostics = await AnalyzerHarness.AnalyzeAsync($$"""
            public static class C
            {
                public static void M(UsageReport report) => report.Start = "{{value}}";
            }
            """);

        Assert.Equal(validateRejects, diagnostics.Count == 1);
    }

    [Fact]
    public async Task Pattern_length_range_and_enum_constants_are_reported_in_Validates_words()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                private const string Oid = "65e1f0c2";

                public static object[] M() =>
                [
                    new ComputeAttributes { NodeCount = 0, CpuCoreCount = -2, Memory = -1L },
                    new UsageReport
                    {
                        ProjectOid = Oid,
                        ComputeProjectId = "p",
                        ResourceId = "r",
                        Start = "2024-03-01T00:00:00Z",
                        End = "2024-03-02T00:00:00Z",
                        Value = double.NaN,
                        ContingentFactor = -0.5,
                        User = "",
                    },
                    new AdjustmentUsageRecord
                    {
                        AdjustmentType = (AdjustmentType)42,
                        Charge = "1e3",
                        StartTime = "2024-03-01T08:15:00Z",
                        LocalProjectId = "csd123",
                        LocalRecordId = "1",
                        Resource = "expanse",
                        Username = "jdoe",
                    },
                    new JobAttributes { GatewayUser = "u", XsedeResourceName = "-expanse", JobId = "1", SubmitTime = "2024-03-01 08:15:00 IST" },
                ];
            }
            """);

        Assert.Equal(
            [
                "USG1003 7: ComputeAttributes field 'NodeCount' (NodeCount) must be >= 1; got 0",
                "USG1003 7: ComputeAttributes field 'CpuCoreCount' (CpuCoreCount) must be >= 1; got -2",
                "USG1003 7: ComputeAttributes field 'Memory' (Memory) must be >= 0; got -1",
                "USG1003 10: UsageReport field 'project_oid' (ProjectOid) must be at least 24 character(s) long; got 8",
                "USG1003 10: UsageReport field 'project_oid' (ProjectOid) must match the pattern ^[0-9a-fA-F]{24}$; got '65e1f0c2'",
                "USG1003 15: UsageReport field 'value' (Value) must be a finite number; got NaN",
                "USG1003 16: UsageReport field 'contingent_factor' (ContingentFactor) must be >= 0; got -0.5",
                "USG1003 17: UsageReport field 'user' (User) must be at least 1 character(s) long; got 0",
                "USG1003 21: AdjustmentUsageRecord field 'AdjustmentType' (AdjustmentType) must be one of credit, refund, storage-credit, debit, reservation, storage-debit; got the undefined value 42",
                "USG1003 22: AdjustmentUsageRecord field 'Charge' (Charge) must match the pattern ^-?[0-9]+(\\.[0-9]+)?$; got '1e3'",
                "USG1003 29: JobAttributes field 'xsederesourcename' (XsedeResourceName) must match the pattern ^[A-Za-z0-9][A-Za-z0-9.\\-]*$; got '-expanse'",
                "USG1003 29: JobAttributes field 'submittime' (SubmitTime) must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?( ?([+-][0-9]{2}(:?[0-9]{2})?|Z|UTC|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|HDT|WET|WEST|CET|CEST|EET|EEST))?$; got '2024-03-01 08:15:00 IST'",
            ],
            diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task A_trailing_newline_breaks_an_anchored_pattern_as_in_ECMA_262()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static void M(ComputeUsageRecord record) => record.Charge = "12\n";
            }
            """);

        Assert.Equal(["USG1003 3: ComputeUsageRecord field 'Charge' (Charge) must match the pattern ^-?[0-9]+(\\.[0-9]+)?$; got '12\\n'"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task A_secret_members_value_is_never_shown()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            [UsageSchema.Metadata.SpecSchema("site.yaml", "Credentials")]
            [UsageSchema.Metadata.SpecMember("key", "Key", Pattern = "^[a-f0-9]{32}$", MaxLength = 32, Secret = true)]
            public class Credentials
            {
                public string? Key { get; set; }
            }

            public static class C
            {
                public static Credentials M() => new() { Key = "hunter2-hunter2-hunter2-hunter2-hunter2" };
            }
            """);

        Assert.Equal(
            [
                "USG1003 10: Credentials field 'key' (Key) must be at most 32 character(s) long; got 39",
                "USG1003 10: Credentials field 'key' (Key) must match the pattern ^[a-f0-9]{32}$; got (redacted)",
            ],
            diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Valid_constants_non_constants_and_look_alikes_are_not_reported()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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

        Assert.Empty(diagnostics);
    }
}
