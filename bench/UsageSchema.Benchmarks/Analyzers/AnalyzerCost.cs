using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using UsageSchema.Benchmarks.Reporting;

namespace UsageSchema.Benchmarks.Analyzers;

/// <summary>
/// <c>--analyzer-cost INPUTS [RUNS]</c>: what the package's analyzers cost a consumer's compilation,
/// measured in process so that a busy machine moves both sides alike. INPUTS is the JSON that
/// <c>dotnet build -getItem:Compile -getItem:ReferencePathWithRefAssemblies -getItem:Analyzer</c>
/// prints for the consumer (bench/AnalyzerBuild/run.sh writes it): its sources, its references
/// (the packed UsageSchema.dll among them) and the package's analyzer assemblies, loaded as shipped.
/// Each run, alternating: a fresh compilation parsed and emitted without analyzers (the
/// compiler's own work); a fresh one through <see cref="CompilationWithAnalyzers"/> with the
/// package's analyzers and execution-time logging (the driver's telemetry gives each analyzer's
/// <c>ExecutionTime</c>, as the compiler's <c>ReportAnalyzer</c> does); and a fresh one with a
/// do-nothing analyzer on the same operation kinds (the driver and operation trees, which the
/// SDK's own analyzers already pay for in a real build). Best of RUNS for each, after one warm-up.
/// Everything runs on one thread at a time (no concurrent build, no concurrent analysis), so that
/// the process's CPU time is the work done: on a machine shared with other builds the wall time
/// also counts the waits for a core, CPU time far less. The headline figure is therefore the CPU
/// time of the pass with the package's analyzers less that of the control pass, against the
/// compilation's CPU time; the telemetry (wall time of the analyzers' callbacks) says which
/// analyzer it is.
/// </summary>
internal static class AnalyzerCost
{
    public static async Task<int> RunAsync(string inputsPath, int runs)
    {
        var inputs = ConsumerInputs.Read(inputsPath);
        var analyzers = LoadAnalyzers(inputs.AnalyzerPaths);
        if (analyzers.IsEmpty)
        {
            Console.Error.WriteLine("no UsageSchema analyzer found among the consumer's analyzers");
            return 1;
        }

        var control = ImmutableArray.Create<DiagnosticAnalyzer>(new OperationControlAnalyzer());
        var compile = new Best();
        var withPackage = new Best();
        var withControl = new Best();
        var own = analyzers.ToDictionary(analyzer => analyzer.GetType().Name, _ => double.MaxValue, StringComparer.Ordinal);
        for (var run = 0; run <= runs; run++)
        {
            // Run 0 warms up the JIT and the file cache; it is not counted.
            var counted = run > 0;
            var (compileWall, compileCpu) = Measure(() => Emit(inputs.Compile()));
            var (packageWall, packageCpu, times) = await MeasureAsync(inputs, analyzers).ConfigureAwait(false);
            var (controlWall, controlCpu, _) = await MeasureAsync(inputs, control).ConfigureAwait(false);
            if (!counted)
            {
                continue;
            }

            compile.Add(compileWall, compileCpu);
            withPackage.Add(packageWall, packageCpu);
            withControl.Add(controlWall, controlCpu);
            foreach (var (name, ms) in times)
            {
                own[name] = Math.Min(own[name], ms);
            }

            Console.WriteLine(Invariant($"run {run}: compile {compileWall:F0} ms ({compileCpu:F0} ms CPU), with the analyzers {packageWall:F0} ms ({packageCpu:F0} ms CPU), with the control {controlWall:F0} ms ({controlCpu:F0} ms CPU), the analyzers' own {times.Values.Sum():F1} ms"));
        }

        var ownTotal = own.Values.Sum();
        Console.WriteLine();
        Console.WriteLine(Invariant($"sources: {inputs.SourcePaths.Length}, references: {inputs.ReferencePaths.Length}, runs: {runs} (best of each)"));
        Console.WriteLine(Invariant($"compilation (parse, bind, emit), no analyzers:  {compile.Wall:F0} ms ({compile.Cpu:F0} ms CPU)"));
        foreach (var (name, ms) in own.OrderByDescending(pair => pair.Value))
        {
            Console.WriteLine(Invariant($"  {name,-34} {ms,8:F1} ms"));
        }

        Console.WriteLine(Invariant($"the analyzers' own time (telemetry ExecutionTime): {ownTotal:F1} ms = {ownTotal / compile.Wall:P1} of the compilation"));
        Console.WriteLine(Invariant($"compilation + the analyzers' own time / compilation: {1 + (ownTotal / compile.Wall):F3}"));
        Console.WriteLine(Invariant($"analysis pass with the package's analyzers: {withPackage.Wall:F0} ms ({withPackage.Cpu:F0} ms CPU); with a do-nothing operation analyzer: {withControl.Wall:F0} ms ({withControl.Cpu:F0} ms CPU)"));
        var added = (withPackage.Cpu - withControl.Cpu) / compile.Cpu;
        Console.WriteLine(Invariant($"(package pass - control pass) / compilation: {added:P1} CPU ({(withPackage.Wall - withControl.Wall) / compile.Wall:P1} wall)"));
        Console.WriteLine(Invariant($"compilation + the analyzers, CPU, / compilation: {1 + added:F3}"));
        ResultLine.Write(new
        {
            mode = "analyzer-cost",
            runs,
            compileMs = compile.Wall,
            compileCpuMs = compile.Cpu,
            analyzersOwnMs = ownTotal,
            perAnalyzerMs = own,
            telemetryRatio = 1 + (ownTotal / compile.Wall),
            cpuRatio = 1 + added,
            packagePassMs = withPackage.Wall,
            controlPassMs = withControl.Wall,
        });
        return 0;
    }

    private static void Emit(CSharpCompilation compilation)
    {
        var result = compilation.Emit(Stream.Null);
        if (!result.Success)
        {
            throw new InvalidOperationException("the consumer does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        }
    }

    private static async Task<(double Wall, double Cpu, Dictionary<string, double> Own)> MeasureAsync(ConsumerInputs inputs, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Settle();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = inputs.Compile().WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        clock.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        if (!diagnostics.IsEmpty)
        {
            // The synthetic consumer is clean by construction: a diagnostic means the analyzers or the generator changed.
            throw new InvalidOperationException("the synthetic consumer is expected to be clean:\n" + string.Join("\n", diagnostics.Take(10)));
        }

        var own = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            own[analyzer.GetType().Name] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        return (clock.Elapsed.TotalMilliseconds, cpuMs, own);
    }

    private static (double Wall, double Cpu) Measure(Action action)
    {
        Settle();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        process.Refresh();
        return (clock.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    /// <summary>A full collection before each measured step, so that one step does not pay for the last one's garbage.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The package's analyzers, from the assemblies the consumer's build loads (UsageSchema.Analyzers, and the generator's SpecProblemAnalyzer).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(IEnumerable<string> paths)
    {
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in paths.Where(path => Path.GetFileName(path) is "UsageSchema.Analyzers.dll" or "UsageSchema.Generators.dll"))
        {
            var assembly = Assembly.LoadFrom(path);
            foreach (var type in assembly.GetExportedTypes())
            {
                if (!type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                {
                    analyzers.Add((DiagnosticAnalyzer)Activator.CreateInstance(type)!);
                }
            }
        }

        return analyzers.ToImmutable();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Best
    {
        public double Wall { get; private set; } = double.MaxValue;

        public double Cpu { get; private set; } = double.MaxValue;

        public void Add(double wall, double cpu)
        {
            Wall = Math.Min(Wall, wall);
            Cpu = Math.Min(Cpu, cpu);
        }
    }

    /// <summary>
    /// Registers for the operation kinds the package's analyzers use and does nothing: what any
    /// operation analyzer costs (the driver, the operation trees), to set beside the package's pass.
    /// </summary>
#pragma warning disable RS1001, RS1036, RS1041, RS2008 // A bench-only analyzer, run by this process only: never shipped nor loaded by a compiler.
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class OperationControlAnalyzer : DiagnosticAnalyzer
    {
        // Enabled: the driver skips an analyzer all of whose diagnostics are disabled.
        private static readonly DiagnosticDescriptor Never = new("BENCH0001", "Never reported", "Never reported", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(static _ => { }, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
        }
    }
#pragma warning restore RS1001, RS1036, RS1041, RS2008

    /// <summary>The consumer's compile inputs, as its build resolved them.</summary>
    private sealed class ConsumerInputs
    {
        private ConsumerInputs(ImmutableArray<string> sourcePaths, ImmutableArray<string> referencePaths, ImmutableArray<string> analyzerPaths, string[] defines)
        {
            SourcePaths = sourcePaths;
            ReferencePaths = referencePaths;
            AnalyzerPaths = analyzerPaths;
            ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: defines);
            Texts = [.. sourcePaths.Select(path => (path, SourceText.From(File.ReadAllText(path))))];
            References = [.. referencePaths.Select(path => MetadataReference.CreateFromFile(path))];
        }

        public ImmutableArray<string> SourcePaths { get; }

        public ImmutableArray<string> ReferencePaths { get; }

        public ImmutableArray<string> AnalyzerPaths { get; }

        private CSharpParseOptions ParseOptions { get; }

        private ImmutableArray<(string Path, SourceText Text)> Texts { get; }

        private ImmutableArray<MetadataReference> References { get; }

        public static ConsumerInputs Read(string path)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var items = json.RootElement.GetProperty("Items");
            var defines = json.RootElement.TryGetProperty("Properties", out var properties) && properties.TryGetProperty("DefineConstants", out var value)
                ? (value.GetString() ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            return new ConsumerInputs(FullPaths(items, "Compile"), FullPaths(items, "ReferencePathWithRefAssemblies"), FullPaths(items, "Analyzer"), defines);
        }

        /// <summary>A fresh compilation, parsed from the texts (parsing is part of a build's compile).</summary>
        public CSharpCompilation Compile() => CSharpCompilation.Create(
            "AnalyzerBuild.Consumer",
            Texts.Select(text => CSharpSyntaxTree.ParseText(text.Text, ParseOptions, text.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));

        private static ImmutableArray<string> FullPaths(JsonElement items, string name) =>
            [.. items.GetProperty(name).EnumerateArray().Select(item => item.GetProperty("FullPath").GetString()!)];
    }
}
