using UsageSchema.Analyzers.Tests.Harness;

namespace UsageSchema.Analyzers.Tests;

/// <summary>USG1001: an object of a spec type built without every required field.</summary>
public class MissingRequiredFieldTests
{
    private const string AllComputeRecordFields = "'Username' (Username), 'LocalProjectID' (LocalProjectId), 'LocalRecordID' (LocalRecordId), 'Resource' (Resource), 'SubmitTime' (SubmitTime), 'StartTime' (StartTime), 'EndTime' (EndTime), 'Charge' (Charge), 'Attributes' (Attributes)";

    [Fact]
    public async Task An_object_initializer_missing_fields_is_reported_once_on_the_type_name_listing_every_field_in_wire_terms()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static ComputeUsageRecord M() => new ComputeUsageRecord
                {
                    Username = "jdoe",
                    SubmitTime = "2024-03-01T08:15:00-08:00",
                    StartTime = "2024-03-01T08:20:12-08:00",
                    EndTime = "2024-03-01T10:20:12-08:00",
                    Charge = "1",
                    Attributes = { NodeCount = 1 },
                };
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("USG1001 3: ComputeUsageRecord is missing required fields 'LocalProjectID' (LocalProjectId), 'LocalRecordID' (LocalRecordId), 'Resource' (Resource)", AnalyzerHarness.Describe(diagnostic));
        Assert.Equal("ComputeUsageRecord", AnalyzerHarness.LocatedText(diagnostic));
        Assert.Equal("LocalProjectId,LocalRecordId,Resource", diagnostic.Properties["MissingMembers"]);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task One_missing_field_is_named_in_the_singular()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static ComputeAttributes M() => new ComputeAttributes { CpuCoreCount = 4 };
            }
            """);

        Assert.Equal(["USG1001 3: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task A_target_typed_new_is_reported_on_new_and_its_parentheses()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static UsageReport M() => new() { ProjectOid = "65e1f0c2a9b34d0012c4e7a1", ComputeProjectId = "p", ResourceId = "r", Start = "2024-03-01T00:00:00Z", End = "2024-03-02T00:00:00Z" };
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("USG1001 3: UsageReport is missing required field 'value' (Value)", AnalyzerHarness.Describe(diagnostic));
        Assert.Equal("new()", AnalyzerHarness.LocatedText(diagnostic));
    }

    [Fact]
    public async Task An_empty_object_that_escapes_at_once_misses_every_required_field()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                private static ComputeUsageRecord? _stored;

                public static void M(ComputeUsageMessage message, List<ComputeUsageRecord> list)
                {
                    message.Records.Add(new ComputeUsageRecord());
                    list.Add(new());
                    _stored = new ComputeUsageRecord();
                    Send(new ComputeUsageRecord());
                    List<ComputeUsageRecord> items = [new ComputeUsageRecord()];
                }

                private static void Send(ComputeUsageRecord record) { }
            }
            """);

        Assert.Equal(
            [7, 8, 9, 10, 11],
            diagnostics.Select(AnalyzerHarness.Line));
        Assert.All(diagnostics, diagnostic => Assert.EndsWith("is missing required fields " + AllComputeRecordFields, AnalyzerHarness.Describe(diagnostic), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_assigned_after_new_before_the_object_escapes_count_as_set()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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
                    var report = new UsageReport { ProjectOid = "65e1f0c2a9b34d0012c4e7a1" };
                    report.ComputeProjectId = "p";
                    report.Value += 1;
                    return report;
                }
            }
            """);

        Assert.Equal(["USG1001 20: UsageReport is missing required fields 'resource_id' (ResourceId), 'start' (Start), 'end' (End)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task An_object_member_handed_to_a_call_counts_as_set_a_value_passed_on_does_not()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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
                    var attributes = new ComputeAttributes();
                    System.Console.WriteLine(attributes.NodeCount);
                    return attributes;
                }

                private static void Fill(IList<ComputeUsageRecord> target, IEnumerable<ComputeUsageRecord> records)
                {
                    foreach (var record in records) { target.Add(record); }
                }
            }
            """);

        Assert.Equal(["USG1001 12: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Members_assigned_after_the_object_escaped_do_not_count()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static void M(List<ComputeAttributes> list)
                {
                    var attributes = new ComputeAttributes();
                    list.Add(attributes);
                    attributes.NodeCount = 1;
                }
            }
            """);

        Assert.Equal(["USG1001 5: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Each_kind_of_escape_ends_the_straight_line_reading()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                private static object? _field;

                public static void Stored()
                {
                    var a = new ComputeAttributes();
                    _field = a;
                    a.NodeCount = 1;
                }

                public static object Declared()
                {
                    var a = new ComputeAttributes();
                    object copy = a;
                    a.NodeCount = 1;
                    return copy;
                }

                public static void Called()
                {
                    var a = new ComputeAttributes();
                    a.IsValid();
                    a.NodeCount = 1;
                }

                public static void Collected(ComputeUsageMessage message)
                {
                    var record = new ComputeUsageRecord();
                    message.Records.Add(record);
                }
            }
            """);

        Assert.Equal([7, 14, 22, 29], diagnostics.Select(AnalyzerHarness.Line));
    }

    [Fact]
    public async Task An_object_assigned_to_an_existing_local_is_followed_too()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static ComputeAttributes M()
                {
                    ComputeAttributes attributes;
                    attributes = new ComputeAttributes();
                    attributes.CpuCoreCount = 2;
                    return attributes;
                }
            }
            """);

        Assert.Equal(["USG1001 6: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task An_object_that_never_escapes_is_judged_at_the_end_of_its_block()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public static class C
            {
                public static void M(int kind)
                {
                    switch (kind)
                    {
                        case 1:
                            var attributes = new ComputeAttributes();
                            attributes.CpuCoreCount = 2;
                            break;
                    }
                }
            }
            """);

        Assert.Equal(["USG1001 8: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Nested_objects_are_checked_each_on_its_own_and_member_initializers_count_as_set()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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
                            Attributes = new ComputeAttributes { Queue = "compute" },
                        },
                    },
                };
            }
            """);

        Assert.Equal(["USG1001 17: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Top_level_statements_are_followed_like_a_method_body()
    {
        var compilation = AnalyzerHarness.Compile(AnalyzerHarness.Usings + """
            var attributes = new ComputeAttributes();
            attributes.CpuCoreCount = 2;
            System.Console.WriteLine(attributes.IsValid());
            var complete = new ComputeAttributes();
            complete.NodeCount = 1;
            System.Console.WriteLine(complete.IsValid());
            """).WithOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication));
        AnalyzerHarness.AssertCompiles(compilation);

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);

        Assert.Equal(["USG1001 1: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Complete_objects_are_not_reported()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Uses_that_straight_line_reading_cannot_follow_are_not_guessed_at()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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
                    var a = make ? new ComputeAttributes() : null;
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

        // Only the conditional expression's operand is judged, where it stands (an operand is an escape).
        Assert.Equal(["USG1001 24: ComputeAttributes is missing required field 'NodeCount' (NodeCount)"], diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Look_alike_types_without_the_spec_attributes_are_not_reported()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
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

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_consumer_type_derived_from_a_spec_type_is_not_reported_since_its_constructor_may_set_members()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public class SiteAttributes : ComputeAttributes
            {
                public SiteAttributes() => NodeCount = 1;
            }

            public static class C
            {
                public static ComputeAttributes M() => new SiteAttributes();
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Members_with_the_CSharp_required_modifier_are_left_to_the_compiler()
    {
        var compilation = AnalyzerHarness.Compile(AnalyzerHarness.Usings + """
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
                public static Job Missing() => new Job();
                public static Job MissingQueue() => new Job { Id = "1" };
            }
            """);

        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal(["CS9035"], errors.Select(error => error.Id));
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);
        Assert.Equal(
            [
                "USG1001 12: Job is missing required field 'queue' (Queue)",
                "USG1001 13: Job is missing required field 'queue' (Queue)",
            ],
            diagnostics.Select(AnalyzerHarness.Describe));
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        var compilation = AnalyzerHarness.Compile("""
            // <auto-generated/>
            public static class C
            {
                public static UsageSchema.Amie.ComputeAttributes M() => new UsageSchema.Amie.ComputeAttributes();
            }
            """);
        AnalyzerHarness.AssertCompiles(compilation);

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_compilation_without_UsageSchema_is_left_alone()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoUsageSchema",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public class ComputeAttributes { public int NodeCount { get; set; } } public static class C { public static object M() => new ComputeAttributes(); }")],
            AnalyzerHarness.References.Where(reference => !(reference.Display ?? string.Empty).EndsWith("UsageSchema.dll", StringComparison.Ordinal)),
            new(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));

        Assert.Empty(await AnalyzerHarness.AnalyzeAsync(compilation));
    }
}
