using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using UsageSchema.Generators.Diagnostics;
using UsageSchema.Generators.Tests.Harness;

namespace UsageSchema.Generators.Tests;

public class SpecProblemAnalyzerTests
{
    private const string Header = """
        openapi: 3.0.3
        info:
          title: Synthetic
          version: '1'
        paths: {}
        components:
          schemas:
        """;

    [Fact]
    public async Task The_real_specs_have_no_problem()
    {
        var diagnostics = await AnalyzeAsync(SpecUnderTest.Real, GeneratorHarness.Compilation(SpecUnderTest.Real));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task An_upsert_key_member_the_schema_lacks_is_reported_on_its_line()
    {
        using var spec = new SyntheticSpec(Header + """

                Widget:
                  type: object
                  x-upsert-key: [id, serial]
                  properties:
                    id:
                      type: string
            """);

        var diagnostic = Assert.Single(await AnalyzeAsync([spec.Spec], GeneratorHarness.Compilation([spec.Spec])));

        Assert.Equal(DiagnosticIds.UnknownUpsertKeyMember, diagnostic.Id);
        Assert.Equal(spec.Spec.Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(10, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("'serial'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- opened before closed", "expected '<member> <op> <member>'")]
    [InlineData("- opened <= missing", "'missing' is not a member of the schema")]
    [InlineData("- opened <= name", "both members must be date-times or both numbers")]
    public async Task A_rule_that_cannot_be_honoured_is_reported_with_the_reason(string rule, string reason)
    {
        using var spec = new SyntheticSpec(Header + $"""

                Window:
                  type: object
                  x-rules:
                    {rule}
                  properties:
                    name:
                      type: string
                    opened:
                      type: string
                      format: date-time
                    closed:
                      type: string
                      format: date-time
            """);

        var diagnostic = Assert.Single(await AnalyzeAsync([spec.Spec], GeneratorHarness.Compilation([spec.Spec])));

        Assert.Equal(DiagnosticIds.UnsupportedRule, diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_spec_is_reported_at_the_yaml_error()
    {
        using var spec = new SyntheticSpec("openapi: 3.0.3\ninfo:\n  description: a: b\n");

        var diagnostic = Assert.Single(await AnalyzeAsync([spec.Spec], GeneratorHarness.Compilation([])));

        Assert.Equal(DiagnosticIds.UnreadableSpec, diagnostic.Id);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task A_schema_member_without_a_generated_member_is_reported()
    {
        using var spec = new SyntheticSpec(Header + """

                Widget:
                  type: object
                  properties:
                    id:
                      type: string
                    serial:
                      type: string
            """);
        var nswag = spec.NSwagSource.Replace("[System.Text.Json.Serialization.JsonPropertyName(\"serial\")]", string.Empty, StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compilation([]).AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(nswag, GeneratorHarness.ParseOptions));

        var diagnostic = Assert.Single(await AnalyzeAsync([spec.Spec], compilation));

        Assert.Equal(DiagnosticIds.UnmatchedMember, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'serial'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_diagnostic_has_a_help_page()
    {
        foreach (var descriptor in new SpecProblemAnalyzer().SupportedDiagnostics)
        {
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, descriptor.HelpLinkUri)), descriptor.HelpLinkUri);
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(IReadOnlyList<SpecUnderTest> specs, Compilation compilation)
    {
        var options = new AnalyzerOptions([.. GeneratorHarness.Texts(specs)], GeneratorHarness.Options(specs));
        return await compilation.WithAnalyzers([new SpecProblemAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
    }
}
