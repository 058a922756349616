using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using UsageSchema.Validation;

namespace UsageSchema.Generators.Tests.Harness;

/// <summary>
/// A compilation of NSwag's output for some specs, and a generator driver over it with the specs
/// as AdditionalFiles, set up as the library's build sets them up.
/// </summary>
internal static class GeneratorHarness
{
    public const string UnrelatedSource = "namespace Consumer { public static class Unrelated { public static int Answer() => 42; } }";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [
            .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(IValidatable).Assembly.Location),
        ]);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static IReadOnlyList<AdditionalText> Texts(IEnumerable<SpecUnderTest> specs) =>
        [.. specs.Select(spec => new InMemoryAdditionalText(spec.Path, File.ReadAllText(spec.Path)))];

    public static SpecNamespaceOptions Options(IEnumerable<SpecUnderTest> specs) =>
        new(specs.ToDictionary(spec => spec.Path, spec => spec.Namespace));

    public static CSharpCompilation Compilation(IEnumerable<SpecUnderTest> specs, params string[] extraSources) =>
        CSharpCompilation.Create(
            "GeneratorTests",
            [
                .. specs.Select(spec => CSharpSyntaxTree.ParseText(NSwagOutput.For(spec.Path, spec.Namespace), ParseOptions, path: Path.GetFileNameWithoutExtension(spec.Path) + ".g.cs")),
                .. extraSources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Extra{index}.cs")),
            ],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<SpecUnderTest> specs, IReadOnlyList<AdditionalText>? texts = null) =>
        CSharpGeneratorDriver.Create(
            [new SpecValidationGenerator().AsSourceGenerator()],
            texts ?? Texts(specs),
            ParseOptions,
            Options(specs),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The generated sources of one run, by hint name.</summary>
    public static IReadOnlyDictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString());

    /// <summary>Errors of the compilation with the generated code added; CS0436 (source beats metadata) is expected.</summary>
    public static IReadOnlyList<Diagnostic> Errors(Compilation compilation) =>
        [.. compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)];
}
