using BenchmarkDotNet.Running;
using UsageSchema.Benchmarks.Generation;

// `--generator-timing` prints the source generator's own time as the generator driver measures it;
// anything else goes to BenchmarkDotNet (e.g. `--filter *Validation*`).
if (args is ["--generator-timing", ..])
{
    GeneratorTiming.Print(runs: 30);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
