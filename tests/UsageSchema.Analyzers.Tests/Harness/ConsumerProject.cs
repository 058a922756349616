using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace UsageSchema.Analyzers.Tests.Harness;

/// <summary>
/// What every verifier's test project is: a consumer's C# project that references the compiled
/// UsageSchema.dll (the generated types with their [SpecSchema]/[SpecMember] attributes, as a
/// package consumer gets them), nullable on, the latest language version, and the package's
/// analyzers as they run in a consumer (all of them together: USG1001's fix leaves placeholders
/// that USG1002 reports).
/// </summary>
internal static class ConsumerProject
{
    /// <summary>
    /// No reference-assembly package: the framework would download one from NuGet at test time.
    /// The test host's own runtime assemblies are given instead (<see cref="AnalyzerHarness.References"/>).
    /// </summary>
    private static readonly ReferenceAssemblies NoPackage = new("net10.0");

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => AnalyzerHarness.Analyzers;

    /// <summary>
    /// A diagnostic of the package's analyzers, by ID, with its descriptor's default severity. Its
    /// message is compared only when the test gives one (<c>WithMessage</c>).
    /// </summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new(id, Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).First(descriptor => descriptor.Id == id).DefaultSeverity);

    /// <summary>The usings a consumer's file starts with, then <paramref name="source"/>.</summary>
    public static string WithUsings(string source) => AnalyzerHarness.Usings + source;

    public static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, bool referenceUsageSchema = true)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = NoPackage;
        test.TestState.AdditionalReferences.AddRange(referenceUsageSchema
            ? AnalyzerHarness.References
            : AnalyzerHarness.References.Where(reference => !(reference.Display ?? string.Empty).EndsWith("UsageSchema.dll", StringComparison.Ordinal)));
    }

    /// <summary>Nullable on; public members need no documentation comment (the framework's projects ask for one: CS1591).</summary>
    public static CompilationOptions CompilationOptions(CompilationOptions options) =>
        ((CSharpCompilationOptions)options)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress));

    public static ParseOptions ParseOptions(ParseOptions options) =>
        ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion.Latest);
}
