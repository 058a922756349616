using SharpFuzz;
using UsageSchema.Testing.Fuzzing;
using UsageSchema.Testing.Fuzzing.Readers;
using UsageSchema.Testing.Fuzzing.Replies;

// The afl-fuzz harness: scripts/fuzz.sh runs "dotnet UsageSchema.Fuzz.dll TARGET" under afl-fuzz, after instrumenting
// the library and the CLI. The checks are the ones the replay tests run (tests/Shared/Fuzzing), so a crash here is a
// failing test there. Usage:
//   UsageSchema.Fuzz list               the targets, one a line: name, tab, what is fed
//   UsageSchema.Fuzz TARGET             under afl-fuzz: the fork server; otherwise one input from standard input
//   UsageSchema.Fuzz TARGET FILE...     runs each file through the target and prints what broke (reproduction)
IReadOnlyList<FuzzTarget> targets = [.. ReaderTargets.All, .. ReplyTargets.All];

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: UsageSchema.Fuzz list | TARGET [FILE...]");
    return args.Length == 0 ? 64 : 0;
}

if (args[0] == "list")
{
    foreach (var each in targets)
    {
        Console.WriteLine($"{each.Name}\t{each.Description}");
    }

    return 0;
}

var target = targets.FirstOrDefault(each => each.Name == args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; known: {string.Join(", ", targets.Select(each => each.Name))}");
    return 64;
}

if (args.Length == 1)
{
    // An exception escaping the action is what afl-fuzz records as a crash.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Check(buffer.ToArray());
    });
    return 0;
}

var failed = 0;
foreach (var file in args.Skip(1))
{
    try
    {
        target.Check(File.ReadAllBytes(file));
        Console.WriteLine($"ok      {file}");
    }
#pragma warning disable CA1031 // Reproduction reports every failure of every file, whatever it is.
    catch (Exception exception)
#pragma warning restore CA1031
    {
        failed++;
        Console.WriteLine($"FAILED  {file}\n{exception}");
    }
}

return failed == 0 ? 0 : 1;
