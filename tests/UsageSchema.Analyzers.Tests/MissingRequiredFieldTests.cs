using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using UsageSchema.Analyzers.Tests.Harness;
using VerifyCS = UsageSchema.Analyzers.Tests.Harness.CSharpAnalyzerVerifier;

namespace UsageSchema.Analyzers.Tests;

/// <summary>USG1001: an object of a spec type built without every required field. Diagnostics are located by markup.</summary>
public class MissingRequiredFieldTests
{
    private const string AllComputeRecordFields = "'Username' (Username), 'LocalProjectID' (LocalProjectId), 'LocalRecordID' (LocalRecordId), 'Resource' (Resource), 'SubmitTime' (SubmitTime), 'StartTime' (StartTime), 'EndTime' (EndTime), 'Charge' (Charge), 'Attributes' (Attributes)";

    private const string NodeCountMissing = "ComputeAttributes is missing required field 'NodeCount' (NodeCount)";

    [Fact]
    public async Task An_object_initializer_missing_fields_is_reported_once_on_the_type_name_listing_every_field_in_wire_terms()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static ComputeUsageRecord M() => new {|#0:ComputeUsageRecord|}
                {
                    Username = "jdoe",
                    SubmitTime = "2024-03-01T08:15:00-08:00",
                    StartTime = "2024-03-01T08:20:12-08:00",
                    EndTime = "2024-03-01T10:20:12-08:00",
                    Charge = "1",
                    Attributes = { NodeCount = 1 },
                };
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
                .WithMessage("ComputeUsageRecord is missing required fields 'LocalProjectID' (LocalProjectId), 'LocalRecordID' (LocalRecordId), 'Resource' (Resource)"));
    }

    [Fact]
    public async Task The_diagnostic_carries_the_missing_members_C_sharp_names_for_the_code_fix()
    {
        // Diagnostic properties are not part of what the testing framework compares.
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static ComputeUsageRecord M() => new ComputeUsageRecord { Username = "jdoe", SubmitTime = "2024-03-01T08:15:00-08:00", StartTime = "2024-03-01T08:20:12-08:00", EndTime = "2024-03-01T10:20:12-08:00", Charge = "1", Attributes = { NodeCount = 1 } };
            }
            """);

        Assert.Equal("LocalProjectId,LocalRecordId,Resource", Assert.Single(diagnostics).Properties["MissingMembers"]);
    }

    [Fact]
    public async Task One_missing_field_is_named_in_the_singular()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static ComputeAttributes M() => new {|#0:ComputeAttributes|} { CpuCoreCount = 4 };
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing));
    }

    [Fact]
    public async Task A_target_typed_new_is_reported_on_new_and_its_parentheses()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static UsageReport M() => {|#0:new()|} { ProjectOid = "65e1f0c2a9b34d0012c4e7a1", ComputeProjectId = "p", ResourceId = "r", Start = "2024-03-01T00:00:00Z", End = "2024-03-02T00:00:00Z" };
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage("UsageReport is missing required field 'value' (Value)"));
    }

    [Fact]
    public async Task An_empty_object_that_escapes_at_once_misses_every_required_field()
    {
        var everyField = "ComputeUsageRecord is missing required fields " + AllComputeRecordFields;
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                private static ComputeUsageRecord? _stored;

                public static void M(ComputeUsageMessage message, List<ComputeUsageRecord> list)
                {
                    message.Records.Add(new {|#0:ComputeUsageRecord|}());
                    list.Add({|#1:new()|});
                    _stored = new {|#2:ComputeUsageRecord|}();
                    Send(new {|#3:ComputeUsageRecord|}());
                    List<ComputeUsageRecord> items = [new {|#4:ComputeUsageRecord|}()];
                }

                private static void Send(ComputeUsageRecord record) { }
            }
            """,
            [.. Enumerable.Range(0, 5).Select(location => VerifyCS.Diagnostic("USG1001").WithLocation(location).WithMessage(everyField))]);
    }

    [Fact]
    public async Task Members_assigned_after_new_before_the_object_escapes_count_as_set()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static ComputeUsageRecord Complete(string user)
                {
                    var record = new ComputeUsageRecord();
                    record.Username = user;
                    record.LocalProjectId = "csd123";
                    record.LocalRecordId = "1";
                    record.Resource = "expanse";
                    record.SubmitTime = "2024-03-01T08:15:00-08:00";
                    record.StartTime = record.SubmitTime;
                    record.EndTime = "2024-03-01T10:20:12-08:00";
                    record.Charge ??= "1";
                    record.Attributes.NodeCount = 1;
                    return record;
                }

                public static UsageReport Incomplete()
                {
                    var report = new {|#0:UsageReport|} { ProjectOid = "65e1f0c2a9b34d0012c4e7a1" };
                    report.ComputeProjectId = "p";
                    report.Value += 1;
                    return report;
                }
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage("UsageReport is missing required fields 'resource_id' (ResourceId), 'start' (Start), 'end' (End)"));
    }

    [Fact]
    public async Task An_object_member_handed_to_a_call_counts_as_set_a_value_passed_on_does_not()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static ComputeUsageMessage M(IEnumerable<ComputeUsageRecord> records)
                {
                    var message = new ComputeUsageMessage();
                    Fill(message.Records, records);
                    return message;
                }

                public static ComputeAttributes Logged()
                {
                    var attributes = new {|#0:ComputeAttributes|}();
                    System.Console.WriteLine(attributes.NodeCount);
                    return attributes;
                }

                private static void Fill(IList<ComputeUsageRecord> target, IEnumerable<ComputeUsageRecord> records)
                {
                    foreach (var record in records) { target.Add(record); }
                }
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing));
    }

    [Fact]
    public async Task Members_assigned_after_the_object_escaped_do_not_count()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static void M(List<ComputeAttributes> list)
                {
                    var attributes = new {|#0:ComputeAttributes|}();
                    list.Add(attributes);
                    attributes.NodeCount = 1;
                }
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing));
    }

    [Fact]
    public async Task Each_kind_of_escape_ends_the_straight_line_reading()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class C
            {
                private static object? _field;

                public static void Stored()
                {
                    var a = new {|USG1001:ComputeAttributes|}();
                    _field = a;
                    a.NodeCount = 1;
                }

                public static object Declared()
                {
                    var a = new {|USG1001:ComputeAttributes|}();
                    object copy = a;
                    a.NodeCount = 1;
                    return copy;
                }

                public static void Called()
                {
                    var a = new {|USG1001:ComputeAttributes|}();
                    a.IsValid();
                    a.NodeCount = 1;
                }

                public static void Collected(ComputeUsageMessage message)
                {
                    var record = new {|USG1001:ComputeUsageRecord|}();
                    message.Records.Add(record);
                }
            }
            """);
    }

    [Fact]
    public async Task An_object_assigned_to_an_existing_local_is_followed_too()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static ComputeAttributes M()
                {
                    ComputeAttributes attributes;
                    attributes = new {|#0:ComputeAttributes|}();
                    attributes.CpuCoreCount = 2;
                    return attributes;
                }
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing));
    }

    [Fact]
    public async Task An_object_that_never_escapes_is_judged_at_the_end_of_its_block()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class C
            {
                public static void M(int kind)
                {
                    switch (kind)
                    {
                        case 1:
                            var attributes = new {|USG1001:ComputeAttributes|}();
                            attributes.CpuCoreCount = 2;
                            break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Nested_objects_are_checked_each_on_its_own_and_member_initializers_count_as_set()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static ComputeUsageMessage M() => new()
                {
                    Records =
                    {
                        new ComputeUsageRecord
                        {
                            Username = "jdoe",
                            LocalProjectId = "csd123",
                            LocalRecordId = "1",
                            Resource = "expanse",
                            SubmitTime = "2024-03-01T08:15:00-08:00",
                            StartTime = "2024-03-01T08:20:12-08:00",
                            EndTime = "2024-03-01T10:20:12-08:00",
                            Charge = "1",
                            Attributes = new {|#0:ComputeAttributes|} { Queue = "compute" },
                        },
                    },
                };
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing));
    }

    [Fact]
    public async Task Top_level_statements_are_followed_like_a_method_body()
    {
        var test = new VerifyCS.Test
        {
            TestCode = ConsumerProject.WithUsings("""
                var attributes = new {|USG1001:ComputeAttributes|}();
                attributes.CpuCoreCount = 2;
                System.Console.WriteLine(attributes.IsValid());
                var complete = new ComputeAttributes();
                complete.NodeCount = 1;
                System.Console.WriteLine(complete.IsValid());
                """),
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;

        await test.RunAsync();
    }

    [Fact]
    public async Task Complete_objects_are_not_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class C
            {
                public static object[] M(ComputeUsageRecord record) =>
                [
                    new ComputeUsageMessage { Records = { record } },
                    new ComputeAttributes { NodeCount = 1 },
                    new StorageUsageRecord { Username = "u", LocalProjectId = "p", LocalRecordId = "r", Resource = "s", CollectionTime = "2024-03-31T23:59:59Z", Charge = "1" },
                    new JobAttributes { GatewayUser = "u", XsedeResourceName = "expanse", JobId = "1", SubmitTime = "2024-03-01 08:15:00 -08:00" },
                    new GatewayJob(),
                    new ErrorBody(),
                ];

                public static ComputeUsageMessage Added(ComputeUsageRecord record)
                {
                    var message = new ComputeUsageMessage();
                    message.Records.Add(record);
                    return message;
                }
            }
            """);
    }

    [Fact]
    public async Task Uses_that_straight_line_reading_cannot_follow_are_not_guessed_at()
    {
        // Only the conditional expression's operand is judged, where it stands (an operand is an escape).
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class C
            {
                public static ComputeAttributes Branches(bool big)
                {
                    var a = new ComputeAttributes();
                    if (big) { a.NodeCount = 64; } else { a.NodeCount = 1; }
                    return a;
                }

                public static void EscapesInABranch(bool send, List<ComputeAttributes> list)
                {
                    var a = new ComputeAttributes();
                    if (send) { list.Add(a); }
                }

                public static System.Func<ComputeAttributes> Captured()
                {
                    var a = new ComputeAttributes();
                    return () => a;
                }

                public static ComputeAttributes? Conditional(bool make)
                {
                    var a = make ? new {|USG1001:ComputeAttributes|}() : null;
                    a?.IsValid();
                    return a;
                }

                public static ComputeAttributes Reassigned(ComputeAttributes other)
                {
                    var a = new ComputeAttributes();
                    a = other;
                    return a;
                }
            }
            """);
    }

    [Fact]
    public async Task Look_alike_types_without_the_spec_attributes_are_not_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace Scheduler.Amie
            {
                public class ComputeUsageRecord
                {
                    [System.ComponentModel.DataAnnotations.Required]
                    public string Username { get; set; } = default!;
                }

                [Other.SpecSchema("amie-usage.v1.yaml", "ComputeAttributes")]
                [Other.SpecMember("NodeCount", "NodeCount", Required = true)]
                public class ComputeAttributes
                {
                    public int NodeCount { get; set; }
                }
            }

            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class SpecSchemaAttribute(string spec, string schema) : System.Attribute
                {
                    public string Spec { get; } = spec;
                    public string Schema { get; } = schema;
                }

                [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]
                public sealed class SpecMemberAttribute(string wireName, string member) : System.Attribute
                {
                    public string WireName { get; } = wireName;
                    public string Member { get; } = member;
                    public bool Required { get; set; }
                }
            }

            public static class C
            {
                public static object[] M() => [new Scheduler.Amie.ComputeUsageRecord(), new Scheduler.Amie.ComputeAttributes()];
            }
            """);
    }

    [Fact]
    public async Task A_consumer_type_derived_from_a_spec_type_is_not_reported_since_its_constructor_may_set_members()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class SiteAttributes : ComputeAttributes
            {
                public SiteAttributes() => NodeCount = 1;
            }

            public static class C
            {
                public static ComputeAttributes M() => new SiteAttributes();
            }
            """);
    }

    [Fact]
    public async Task Members_with_the_CSharp_required_modifier_are_left_to_the_compiler()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            [UsageSchema.Metadata.SpecSchema("site.yaml", "Job")]
            [UsageSchema.Metadata.SpecMember("id", "Id", Required = true)]
            [UsageSchema.Metadata.SpecMember("queue", "Queue", Required = true)]
            public class Job
            {
                public required string Id { get; set; }
                public string Queue { get; set; } = default!;
            }

            public static class C
            {
                public static Job Missing() => new {|#0:Job|}();
                public static Job MissingQueue() => new {|#1:Job|} { Id = "1" };
            }
            """,
            DiagnosticResult.CompilerError("CS9035").WithLocation(0).WithArguments("Job.Id"),
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage("Job is missing required field 'queue' (Queue)"),
            VerifyCS.Diagnostic("USG1001").WithLocation(1).WithMessage("Job is missing required field 'queue' (Queue)"));
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                // <auto-generated/>
                public static class C
                {
                    public static UsageSchema.Amie.ComputeAttributes M() => new UsageSchema.Amie.ComputeAttributes();
                }
                """,
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task A_compilation_without_UsageSchema_is_left_alone()
    {
        var test = new VerifyCS.Test(referenceUsageSchema: false)
        {
            TestCode = "public class ComputeAttributes { public int NodeCount { get; set; } } public static class C { public static object M() => new ComputeAttributes(); }",
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Objects_of_one_method_in_a_nested_and_an_outer_block_are_each_followed_through_their_own_block()
    {
        // The block is indexed once, from the first incomplete object's statement; an object of an
        // inner block, visited in between, has its own index.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public static class C
            {
                public static List<ComputeAttributes> M(bool flag)
                {
                    var list = new List<ComputeAttributes>();
                    var a = new ComputeAttributes();
                    if (flag)
                    {
                        var b = new ComputeAttributes();
                        b.NodeCount = 2;
                        list.Add(b);
                        var c = new {|#0:ComputeAttributes|}();
                        list.Add(c);
                    }

                    a.NodeCount = 1;
                    list.Add(a);
                    var d = new {|#1:ComputeAttributes|}();
                    list.Add(d);
                    return list;
                }
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing),
            VerifyCS.Diagnostic("USG1001").WithLocation(1).WithMessage(NodeCountMissing));
    }

    [Fact]
    public async Task Field_initializers_and_a_constructor_body_are_read_as_blocks_of_their_own()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            public sealed class Holder
            {
                private readonly ComputeAttributes _a = new {|#0:ComputeAttributes|}();
                private readonly ComputeAttributes _b = new ComputeAttributes { NodeCount = 1 };
                private readonly ComputeAttributes _c;

                public Holder()
                {
                    var c = new ComputeAttributes();
                    c.NodeCount = 3;
                    _c = c;
                }

                public int Nodes => _a.NodeCount + _b.NodeCount + _c.NodeCount;
            }
            """,
            VerifyCS.Diagnostic("USG1001").WithLocation(0).WithMessage(NodeCountMissing));
    }
}
