namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// When to kill the CLI: delays drawn from a seeded <see cref="Random"/>, so a failing sequence can be
/// replayed (modulo timing) by setting <c>USAGE_SCHEMA_FAULT_SEED</c> to the seed the test printed.
/// </summary>
internal sealed class KillSchedule
{
    private readonly Random _random;

    public KillSchedule(int defaultSeed)
    {
        Seed = FaultSettings.Seed(defaultSeed);
        _random = new Random(Seed);
    }

    public int Seed { get; }

    /// <summary>A delay from <paramref name="shortest"/> to <paramref name="longest"/>, uniformly.</summary>
    public TimeSpan Next(TimeSpan shortest, TimeSpan longest) => shortest + ((longest - shortest) * _random.NextDouble());
}
