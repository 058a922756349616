using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace UsageSchema.Benchmarks.Generation;

/// <summary>
/// The source generator on the library's real input: a first run (parse three specs, read every
/// NSwag class, emit) and a run after an edit that concerns neither (what every keystroke costs).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorInput _input = null!;
    private GeneratorDriver _warm = null!;
    private Compilation _edited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = GeneratorInput.Load();
        _warm = _input.NewDriver().RunGenerators(_input.Compilation);
        _edited = _input.Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Edited { } }", (CSharpParseOptions)_input.Compilation.SyntaxTrees.First().Options));
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => _input.NewDriver().RunGenerators(_input.Compilation);

    [Benchmark]
    public GeneratorDriver RunAfterUnrelatedEdit() => _warm.RunGenerators(_edited);
}
