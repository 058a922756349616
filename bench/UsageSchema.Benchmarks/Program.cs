using System.Globalization;
using BenchmarkDotNet.Running;
using UsageSchema.Benchmarks.Clients;
using UsageSchema.Benchmarks.Generation;

// `--generator-timing` prints the source generator's own time as the generator driver measures it;
// `--stream N` streams N records through the AMIE sender and prints memory as it goes;
// anything else goes to BenchmarkDotNet (e.g. `--filter *Validation*`).
if (args is ["--generator-timing", ..])
{
    GeneratorTiming.Print(runs: 30);
    return 0;
}

if (args is ["--stream", ..])
{
    var count = args.Length >= 2 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
    return await StreamingMemory.RunAsync(count).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
