using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using UsageSchema.Analyzers.Tests.Harness;
using UsageSchema.CodeFixes;

namespace UsageSchema.Analyzers.Tests;

/// <summary>The diagnostics' contract: stable IDs, tracked releases, a help page each.</summary>
public class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors =
        [.. AnalyzerHarness.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)];

    [Fact]
    public void The_IDs_are_USG1001_to_USG1003_warnings_in_one_category()
    {
        Assert.Equal(["USG1001", "USG1002", "USG1003"], Descriptors.Select(descriptor => descriptor.Id));
        Assert.All(Descriptors, descriptor =>
        {
            Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal("UsageSchema.Usage", descriptor.Category);
        });
    }

    [Fact]
    public void Each_diagnostic_has_a_help_page_in_the_style_of_the_others()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal($"docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = File.ReadAllText(Path.Combine(Repository.Root, descriptor.HelpLinkUri));
            Assert.StartsWith($"# {descriptor.Id}: ", page, StringComparison.Ordinal);
            Assert.Contains("**Severity:** warning", page, StringComparison.Ordinal);
            Assert.Contains("## Cause", page, StringComparison.Ordinal);
            Assert.Contains("## Fix", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_diagnostic_is_tracked_in_the_unshipped_release()
    {
        var unshipped = File.ReadAllText(Path.Combine(Repository.Root, "analyzers", "UsageSchema.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }

        // No row for a rule the analyzers no longer have. The other direction, every descriptor with an up-to-date row, the build checks too (release tracking: RS2000, RS2001).
        var rows = unshipped.Split('\n').Where(line => line.StartsWith("USG", StringComparison.Ordinal)).Select(line => line.Split(' ')[0]);
        Assert.Equal(Descriptors.Select(descriptor => descriptor.Id), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_analyzers_are_CSharp_analyzers_and_the_fix_an_exported_CSharp_fix_for_USG1001()
    {
        Assert.All(AnalyzerHarness.Analyzers, analyzer =>
            Assert.Equal([LanguageNames.CSharp], analyzer.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages));
        var export = typeof(AddMissingRequiredFieldsCodeFixProvider).GetCustomAttribute<Microsoft.CodeAnalysis.CodeFixes.ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Equal([LanguageNames.CSharp], export.Languages);
        Assert.Equal(["USG1001"], new AddMissingRequiredFieldsCodeFixProvider().FixableDiagnosticIds.ToArray());
    }

    [Fact]
    public void The_Roslyn_components_are_built_against_Microsoft_CodeAnalysis_4_14()
    {
        // The SDK's compiler does not load a component built against a newer Roslyn (CS9057).
        foreach (var assembly in new[] { typeof(MissingRequiredFieldAnalyzer).Assembly, typeof(AddMissingRequiredFieldsCodeFixProvider).Assembly })
        {
            var codeAnalysis = assembly.GetReferencedAssemblies().Where(name => name.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(codeAnalysis);
            Assert.All(codeAnalysis, name => Assert.Equal(new Version(4, 14, 0, 0), name.Version));
        }
    }
}
