using System.Globalization;
using BenchmarkDotNet.Running;
using UsageSchema.Benchmarks.Clients;
using UsageSchema.Benchmarks.Generation;

// `--generator-timing` prints the source generator's own time as the generator driver measures it;
// `--stream N` streams N records through the AMIE sender and prints memory as it goes;
// `--materialize N` reads N records into a list first, then sends them (the baseline of `--stream`);
// `--packing-wire N` prints the body bytes each packing path produces for N records;
// `--packing-rate N` prints records/s of validation, serialization and the whole packing path alone;
// `--emulator-intake N URL [KEY SITE]` POSTs N records in pre-serialized 1000-record bodies to a running emulator;
// `--write-jsonl N FILE` writes N compute records as JSON Lines (the end-to-end input);
// `--write-sacct N FILE` writes N ended jobs as sacct --parsable2 output with a header;
// `--outbox-enqueue N [FILE]` enqueues N records into a new SQLite outbox, nothing sending;
// `--analyzer-cost INPUTS [RUNS]` times the package's analyzers against a consumer's compilation (bench/AnalyzerBuild);
// anything else goes to BenchmarkDotNet (e.g. `--filter *Validation*`).
// The console modes end with a `RESULT {json}` line for bench/report.sh.
if (args is ["--generator-timing", ..])
{
    var runs = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
    GeneratorTiming.Print(runs);
    return 0;
}

if (args is ["--materialize", var materializeCount, ..])
{
    return await MaterializedMemory.RunAsync(long.Parse(materializeCount, CultureInfo.InvariantCulture)).ConfigureAwait(false);
}

if (args is ["--packing-wire", var wireCount, ..])
{
    return PackingWireSize.Run(int.Parse(wireCount, CultureInfo.InvariantCulture));
}

if (args is ["--packing-rate", var rateCount, ..])
{
    return PackingRate.Run(int.Parse(rateCount, CultureInfo.InvariantCulture));
}

if (args is ["--emulator-intake", var intakeCount, var intakeUrl, ..])
{
    // The emulator's default key and site (src/UsageSchema.Emulator/README.md) unless given.
    var key = args.Length >= 4 ? args[3] : "amie-emulator-key";
    var site = args.Length >= 5 ? args[4] : "EMULATOR";
    return await EmulatorIntake.RunAsync(int.Parse(intakeCount, CultureInfo.InvariantCulture), new Uri(intakeUrl), key, site).ConfigureAwait(false);
}

if (args is ["--write-jsonl", var jsonlCount, var jsonlPath, ..])
{
    return JsonlInput.Write(long.Parse(jsonlCount, CultureInfo.InvariantCulture), jsonlPath);
}

if (args is ["--write-sacct", var sacctCount, var sacctPath, ..])
{
    return SacctInput.Write(long.Parse(sacctCount, CultureInfo.InvariantCulture), sacctPath);
}

if (args is ["--outbox-enqueue", var enqueueCount, ..])
{
    return await UsageSchema.Benchmarks.Outbox.OutboxEnqueueRate.RunAsync(long.Parse(enqueueCount, CultureInfo.InvariantCulture), args.Length >= 3 ? args[2] : null).ConfigureAwait(false);
}

if (args is ["--analyzer-cost", var costInputs, ..])
{
    return await UsageSchema.Benchmarks.Analyzers.AnalyzerCost.RunAsync(costInputs, args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5).ConfigureAwait(false);
}

if (args is ["--stream", ..])
{
    var count = args.Length >= 2 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
    return await StreamingMemory.RunAsync(count).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
