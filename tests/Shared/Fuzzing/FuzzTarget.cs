namespace UsageSchema.Testing.Fuzzing;

/// <summary>
/// One input reader or reply parser as the fuzzers see it: a name (the folder of its corpus under
/// <c>fuzz/corpus/</c>) and a check that feeds it bytes and throws when it breaks an invariant
/// (throws anything but its documented outcome, or gives a result that breaks what must hold).
/// The same check runs under afl-fuzz (<c>fuzz/UsageSchema.Fuzz</c>) and in the corpus replay tests.
/// </summary>
/// <param name="Name">The target's name on the command line of <c>scripts/fuzz.sh</c>.</param>
/// <param name="Description">What is fed, in one line.</param>
/// <param name="Check">Feeds the bytes; returns when every invariant holds, throws otherwise.</param>
internal sealed record FuzzTarget(string Name, string Description, Action<byte[]> Check);
