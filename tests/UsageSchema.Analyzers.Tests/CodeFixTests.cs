using UsageSchema.Analyzers.Tests.Harness;
using VerifyCS = UsageSchema.Analyzers.Tests.Harness.CSharpCodeFixVerifier;

namespace UsageSchema.Analyzers.Tests;

/// <summary>
/// The USG1001 fix: every missing member added to the initializer, with placeholders that compile
/// and that USG1002 reports until they are replaced. Each test also runs Fix All in the document,
/// the project and the solution (the framework's default).
/// </summary>
public class CodeFixTests
{
    [Fact]
    public async Task The_missing_members_are_added_to_the_initializer_in_spec_order_one_per_line()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class C
            {
                public static ComputeUsageRecord M() => new {|USG1001:ComputeUsageRecord|} { Username = "jdoe", Charge = "1" };
            }
            """,
            """
            public static class C
            {
                public static ComputeUsageRecord M() => new ComputeUsageRecord
                {
                    Username = "jdoe",
                    Charge = "1",
                    LocalProjectId = {|USG1002:default!|},
                    LocalRecordId = {|USG1002:default!|},
                    Resource = {|USG1002:default!|},
                    SubmitTime = {|USG1002:default!|},
                    StartTime = {|USG1002:default!|},
                    EndTime = {|USG1002:default!|},
                    Attributes = new ComputeAttributes { NodeCount = {|USG1002:default|} }
                };
            }
            """);
    }

    [Fact]
    public async Task An_initializer_is_created_for_new_T_and_members_assigned_later_are_not_added_again()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class C
            {
                public static UsageReport M(string project)
                {
                    var report = new {|USG1001:UsageReport|}();
                    report.ComputeProjectId = project;
                    report.Start = "2024-03-01T00:00:00Z";
                    return report;
                }
            }
            """,
            """
            public static class C
            {
                public static UsageReport M(string project)
                {
                    var report = new UsageReport
                    {
                        ProjectOid = {|USG1002:default!|},
                        ResourceId = {|USG1002:default!|},
                        End = {|USG1002:default!|},
                        Value = {|USG1002:default|}
                    };
                    report.ComputeProjectId = project;
                    report.Start = "2024-03-01T00:00:00Z";
                    return report;
                }
            }
            """);
    }

    [Fact]
    public async Task A_short_fix_stays_on_one_line_and_a_target_typed_new_keeps_its_parentheses()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class C
            {
                public static ComputeAttributes M() => {|USG1001:new()|} { Queue = "compute" };
            }
            """,
            """
            public static class C
            {
                public static ComputeAttributes M() => new() { Queue = "compute", NodeCount = {|USG1002:default|} };
            }
            """);
    }

    [Fact]
    public async Task A_multi_line_initializer_keeps_its_layout_trailing_comma_and_comments()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public static class C
            {
                public static JobAttributes M() => new {|USG1001:JobAttributes|}
                {
                    GatewayUser = "jane.doe@example.edu", // from the portal
                    JobId = "4937919",
                };
            }
            """,
            """
            public static class C
            {
                public static JobAttributes M() => new JobAttributes
                {
                    GatewayUser = "jane.doe@example.edu", // from the portal
                    JobId = "4937919",
                    XsedeResourceName = {|USG1002:default!|},
                    SubmitTime = {|USG1002:default!|}
                };
            }
            """);
    }

    [Fact]
    public async Task Fix_all_fixes_every_object_of_the_document_nested_ones_included_in_one_pass()
    {
        // One at a time, each of the five objects takes its own fix; Fix All fixes an object and
        // the object nested in its initializer together, in one pass.
        var test = new VerifyCS.Test
        {
            TestCode = ConsumerProject.WithUsings("""
                public static class C
                {
                    public static void M(ComputeUsageMessage message)
                    {
                        message.Records.Add(new {|USG1001:ComputeUsageRecord|} { Username = "jdoe", Attributes = new {|USG1001:ComputeAttributes|}() });
                        var attributes = new {|USG1001:ComputeAttributes|}();
                        System.Console.WriteLine(attributes.IsValid());
                        var other = new ComputeUsageMessage { Records = { {|USG1001:new()|} { Username = "x", Attributes = {|USG1001:new()|} } } };
                    }
                }
                """),
            FixedCode = ConsumerProject.WithUsings("""
                public static class C
                {
                    public static void M(ComputeUsageMessage message)
                    {
                        message.Records.Add(new ComputeUsageRecord
                        {
                            Username = "jdoe",
                            Attributes = new ComputeAttributes { NodeCount = {|USG1002:default|} },
                            LocalProjectId = {|USG1002:default!|},
                            LocalRecordId = {|USG1002:default!|},
                            Resource = {|USG1002:default!|},
                            SubmitTime = {|USG1002:default!|},
                            StartTime = {|USG1002:default!|},
                            EndTime = {|USG1002:default!|},
                            Charge = {|USG1002:default!|}
                        });
                        var attributes = new ComputeAttributes { NodeCount = {|USG1002:default|} };
                        System.Console.WriteLine(attributes.IsValid());
                        var other = new ComputeUsageMessage { Records = { new() { Username = "x", Attributes = new() { NodeCount = {|USG1002:default|} }, LocalProjectId = {|USG1002:default!|}, LocalRecordId = {|USG1002:default!|}, Resource = {|USG1002:default!|}, SubmitTime = {|USG1002:default!|}, StartTime = {|USG1002:default!|}, EndTime = {|USG1002:default!|}, Charge = {|USG1002:default!|} } } };
                    }
                }
                """),
            NumberOfIncrementalIterations = 5,
            NumberOfFixAllIterations = 1,
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_in_the_project_and_the_solution_fixes_every_document()
    {
        // Fix All in a document fixes one document per pass; in the project or the solution, both at once.
        var test = new VerifyCS.Test
        {
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        test.TestState.Sources.Add(("Compute.cs", ConsumerProject.WithUsings("""
            public static class Compute
            {
                public static ComputeAttributes M() => new {|USG1001:ComputeAttributes|}();
            }
            """)));
        test.TestState.Sources.Add(("Perseus.cs", ConsumerProject.WithUsings("""
            public static class Perseus
            {
                public static UsageReport M() => new {|USG1001:UsageReport|} { ProjectOid = "65e1f0c2a9b34d0012c4e7a1", ComputeProjectId = "p", ResourceId = "r", Start = "2024-03-01T00:00:00Z" };
            }
            """)));
        test.FixedState.Sources.Add(("Compute.cs", ConsumerProject.WithUsings("""
            public static class Compute
            {
                public static ComputeAttributes M() => new ComputeAttributes { NodeCount = {|USG1002:default|} };
            }
            """)));
        test.FixedState.Sources.Add(("Perseus.cs", ConsumerProject.WithUsings("""
            public static class Perseus
            {
                public static UsageReport M() => new UsageReport
                {
                    ProjectOid = "65e1f0c2a9b34d0012c4e7a1",
                    ComputeProjectId = "p",
                    ResourceId = "r",
                    Start = "2024-03-01T00:00:00Z",
                    End = {|USG1002:default!|},
                    Value = {|USG1002:default|}
                };
            }
            """)));

        await test.RunAsync();
    }

    [Fact]
    public async Task The_fix_follows_the_documents_line_endings()
    {
        // Every line ending of the fixed text, the fix's own included, must be CRLF: one LF would not match.
        var test = new VerifyCS.Test
        {
            TestCode = ConsumerProject.WithUsings("""
            public static class C
            {
                public static UsageReport M() => new {|USG1001:UsageReport|} { Value = 1 };
            }
            """).ReplaceLineEndings("\r\n"),
            FixedCode = ConsumerProject.WithUsings("""
            public static class C
            {
                public static UsageReport M() => new UsageReport
                {
                    Value = 1,
                    ProjectOid = {|USG1002:default!|},
                    ComputeProjectId = {|USG1002:default!|},
                    ResourceId = {|USG1002:default!|},
                    Start = {|USG1002:default!|},
                    End = {|USG1002:default!|}
                };
            }
            """).ReplaceLineEndings("\r\n"),
        };

        await test.RunAsync();
    }
}
