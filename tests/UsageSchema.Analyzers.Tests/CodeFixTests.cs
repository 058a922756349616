using UsageSchema.Analyzers.Tests.Harness;

namespace UsageSchema.Analyzers.Tests;

/// <summary>The USG1001 fix: every missing member added to the initializer, with placeholders that compile.</summary>
public class CodeFixTests
{
    [Fact]
    public async Task The_missing_members_are_added_to_the_initializer_in_spec_order_one_per_line()
    {
        var fixedSource = await CodeFixHarness.ApplyFixAsync(AnalyzerHarness.Usings + """
            public static class C
            {
                public static ComputeUsageRecord M() => new ComputeUsageRecord { Username = "jdoe", Charge = "1" };
            }
            """);

        Assert.Equal(AnalyzerHarness.Usings + """
            public static class C
            {
                public static ComputeUsageRecord M() => new ComputeUsageRecord
                {
                    Username = "jdoe",
                    Charge = "1",
                    LocalProjectId = default!,
                    LocalRecordId = default!,
                    Resource = default!,
                    SubmitTime = default!,
                    StartTime = default!,
                    EndTime = default!,
                    Attributes = new ComputeAttributes { NodeCount = default }
                };
            }
            """, fixedSource);
        await AssertFixedAsync(fixedSource, placeholders: 7);
    }

    [Fact]
    public async Task An_initializer_is_created_for_new_T_and_members_assigned_later_are_not_added_again()
    {
        var fixedSource = await CodeFixHarness.ApplyFixAsync(AnalyzerHarness.Usings + """
            public static class C
            {
                public static UsageReport M(string project)
                {
                    var report = new UsageReport();
                    report.ComputeProjectId = project;
                    report.Start = "2024-03-01T00:00:00Z";
                    return report;
                }
            }
            """);

        Assert.Equal(AnalyzerHarness.Usings + """
            public static class C
            {
                public static UsageReport M(string project)
                {
                    var report = new UsageReport
                    {
                        ProjectOid = default!,
                        ResourceId = default!,
                        End = default!,
                        Value = default
                    };
                    report.ComputeProjectId = project;
                    report.Start = "2024-03-01T00:00:00Z";
                    return report;
                }
            }
            """, fixedSource);
        await AssertFixedAsync(fixedSource, placeholders: 4);
    }

    [Fact]
    public async Task A_short_fix_stays_on_one_line_and_a_target_typed_new_keeps_its_parentheses()
    {
        var fixedSource = await CodeFixHarness.ApplyFixAsync(AnalyzerHarness.Usings + """
            public static class C
            {
                public static ComputeAttributes M() => new() { Queue = "compute" };
            }
            """);

        Assert.Equal(AnalyzerHarness.Usings + """
            public static class C
            {
                public static ComputeAttributes M() => new() { Queue = "compute", NodeCount = default };
            }
            """, fixedSource);
        await AssertFixedAsync(fixedSource, placeholders: 1);
    }

    [Fact]
    public async Task A_multi_line_initializer_keeps_its_layout_trailing_comma_and_comments()
    {
        var fixedSource = await CodeFixHarness.ApplyFixAsync(AnalyzerHarness.Usings + """
            public static class C
            {
                public static JobAttributes M() => new JobAttributes
                {
                    GatewayUser = "jane.doe@example.edu", // from the portal
                    JobId = "4937919",
                };
            }
            """);

        Assert.Equal(AnalyzerHarness.Usings + """
            public static class C
            {
                public static JobAttributes M() => new JobAttributes
                {
                    GatewayUser = "jane.doe@example.edu", // from the portal
                    JobId = "4937919",
                    XsedeResourceName = default!,
                    SubmitTime = default!
                };
            }
            """, fixedSource);
        await AssertFixedAsync(fixedSource, placeholders: 2);
    }

    [Fact]
    public async Task Fix_all_fixes_every_object_of_the_document_nested_ones_included()
    {
        var fixedSource = await CodeFixHarness.FixAllAsync(AnalyzerHarness.Usings + """
            public static class C
            {
                public static void M(ComputeUsageMessage message)
                {
                    message.Records.Add(new ComputeUsageRecord { Username = "jdoe", Attributes = new ComputeAttributes() });
                    var attributes = new ComputeAttributes();
                    System.Console.WriteLine(attributes.IsValid());
                    var other = new ComputeUsageMessage { Records = { new() { Username = "x", Attributes = new() } } };
                }
            }
            """);

        Assert.Equal(AnalyzerHarness.Usings + """
            public static class C
            {
                public static void M(ComputeUsageMessage message)
                {
                    message.Records.Add(new ComputeUsageRecord
                    {
                        Username = "jdoe",
                        Attributes = new ComputeAttributes { NodeCount = default },
                        LocalProjectId = default!,
                        LocalRecordId = default!,
                        Resource = default!,
                        SubmitTime = default!,
                        StartTime = default!,
                        EndTime = default!,
                        Charge = default!
                    });
                    var attributes = new ComputeAttributes { NodeCount = default };
                    System.Console.WriteLine(attributes.IsValid());
                    var other = new ComputeUsageMessage { Records = { new() { Username = "x", Attributes = new() { NodeCount = default }, LocalProjectId = default!, LocalRecordId = default!, Resource = default!, SubmitTime = default!, StartTime = default!, EndTime = default!, Charge = default! } } };
                }
            }
            """, fixedSource);
        await AssertFixedAsync(fixedSource, placeholders: 17);
    }

    [Fact]
    public async Task The_fix_follows_the_documents_line_endings()
    {
        var source = (AnalyzerHarness.Usings + """
            public static class C
            {
                public static UsageReport M() => new UsageReport { Value = 1 };
            }
            """).ReplaceLineEndings("\r\n");

        var fixedSource = await CodeFixHarness.ApplyFixAsync(source);

        Assert.DoesNotContain("\n", fixedSource.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        await AssertFixedAsync(fixedSource, placeholders: 5);
    }

    /// <summary>The fixed code compiles, has no USG1001 left, and each placeholder is reported by USG1002.</summary>
    private static async Task AssertFixedAsync(string fixedSource, int placeholders)
    {
        var compilation = AnalyzerHarness.Compile(fixedSource);
        AnalyzerHarness.AssertCompiles(compilation);
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "USG1001");
        Assert.Equal(placeholders, diagnostics.Count(diagnostic => diagnostic.Id == "USG1002"));
        Assert.All(diagnostics, diagnostic => Assert.Equal("USG1002", diagnostic.Id));
    }
}
