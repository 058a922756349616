using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using UsageSchema.Generators;
using UsageSchema.Validation;

namespace UsageSchema.Benchmarks.Generation;

/// <summary>
/// What the compiler gives the generator when it builds src/UsageSchema: NSwag's output (from the
/// library's own obj/ folder, written by the build this project depends on) and the three specs.
/// </summary>
internal sealed class GeneratorInput
{
    private static readonly (string File, string Namespace)[] Specs =
    [
        ("amie-usage.v1.yaml", "UsageSchema.Amie"),
        ("access-gateway-attributes.v2.yaml", "UsageSchema.GatewayAttributes"),
        ("perseus-usage-reporting.yaml", "UsageSchema.Perseus"),
    ];

    private GeneratorInput(CSharpCompilation compilation, ImmutableArray<AdditionalText> texts, AnalyzerConfigOptionsProvider options)
    {
        Compilation = compilation;
        Texts = texts;
        Options = options;
    }

    public CSharpCompilation Compilation { get; }

    public ImmutableArray<AdditionalText> Texts { get; }

    public AnalyzerConfigOptionsProvider Options { get; }

    public static GeneratorInput Load()
    {
        var root = FindRoot();
        var generated = Directory.GetDirectories(Path.Combine(root, "src", "UsageSchema", "obj"), "Generated", SearchOption.AllDirectories)
            .Where(directory => directory.Contains("net10.0", StringComparison.Ordinal))
            .OrderByDescending(Directory.GetLastWriteTimeUtc)
            .First();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(generated, "*.g.cs").Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: file));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IValidatable).Assembly.Location));
        var compilation = CSharpCompilation.Create("UsageSchema", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var texts = Specs.Select(spec => (AdditionalText)new SpecText(Path.Combine(root, "spec", spec.File))).ToImmutableArray();
        var namespaces = Specs.ToDictionary(spec => Path.Combine(root, "spec", spec.File), spec => spec.Namespace);
        return new GeneratorInput(compilation, texts, new SpecOptions(namespaces));
    }

    public GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new SpecValidationGenerator().AsSourceGenerator()],
        Texts,
        (CSharpParseOptions)Compilation.SyntaxTrees.First().Options,
        Options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UsageSchema.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }

    private sealed class SpecText(string path) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(File.ReadAllText(path));

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class SpecOptions(Dictionary<string, string> namespaces) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values([]);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => namespaces.TryGetValue(textFile.Path, out var ns)
            ? new Values(new() { ["build_metadata.AdditionalFiles.UsageSchemaNamespace"] = ns })
            : GlobalOptions;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
