using System.Reflection;
using Microsoft.CodeAnalysis;

namespace UsageSchema.Generators.Tests.Harness;

/// <summary>
/// A spec written by a test into a temporary file, for constraints and mistakes the real specs do
/// not contain; with helpers to run NSwag and the generator on it and load the result.
/// </summary>
internal sealed class SyntheticSpec : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("usage-schema-synthetic-").FullName;

    public SyntheticSpec(string yaml, string ns = "Synthetic.Api")
    {
        Spec = new SpecUnderTest(System.IO.Path.Combine(_directory, "synthetic.yaml"), ns);
        File.WriteAllText(Spec.Path, yaml);
    }

    public SpecUnderTest Spec { get; }

    public string NSwagSource => NSwagOutput.For(Spec.Path, Spec.Namespace);

    /// <summary>Compiles NSwag's output with the generator's and loads it.</summary>
    public Assembly Load()
    {
        var compilation = GeneratorHarness.Compilation([Spec]);
        GeneratorHarness.Driver([Spec]).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
