using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using UsageSchema.Metadata;

namespace UsageSchema.Analyzers.Tests.Harness;

/// <summary>
/// Compiles consumer code against the real, compiled UsageSchema.dll (so the generator's
/// attributes are there, as in a consumer project) and runs the analyzers over it, for what Roslyn's
/// testing framework (<see cref="CSharpAnalyzerVerifier"/>) does not compare: diagnostic
/// properties, and <c>MessageParityTests</c>, which asks the analyzers and the runtime's
/// Validate() about the same values and compares the two. The references are the verifiers' too.
/// </summary>
internal static class AnalyzerHarness
{
    public const string Usings = """
        using System.Collections.Generic;
        using UsageSchema.Amie;
        using UsageSchema.GatewayAttributes;
        using UsageSchema.Perseus;

        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        [
            .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(path => !Path.GetFileName(path).StartsWith("UsageSchema", StringComparison.Ordinal))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(SpecSchemaAttribute).Assembly.Location),
        ]);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = [new MissingRequiredFieldAnalyzer(), new SpecValueAnalyzer()];

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The analyzers' diagnostics for <paramref name="source"/> (with <see cref="Usings"/> prepended), after asserting it compiles.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = Compile(Usings + source);
        AssertCompiles(compilation);
        return await AnalyzeAsync(compilation);
    }

    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var diagnostics = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start).ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)];
    }

    public static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
    }
}
