using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace UsageSchema.Testing.Fuzzing;

/// <summary>
/// Runs a fuzz property a bounded number of times from a fixed seed, so CI is repeatable and quick;
/// <c>USAGE_SCHEMA_FUZZ_SEED</c> and <c>USAGE_SCHEMA_FUZZ_CASES</c> override both for longer runs.
/// A failure names the seed and case count that reproduce it.
/// </summary>
internal static class FuzzRun
{
    private const ulong DefaultSeed = 20_261_122;

    // SplitMix's gamma must be odd; this is its usual constant.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static ulong Seed { get; } = ulong.TryParse(Environment.GetEnvironmentVariable("USAGE_SCHEMA_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    public static int Cases(int defaultCases) =>
        int.TryParse(Environment.GetEnvironmentVariable("USAGE_SCHEMA_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0 ? cases : defaultCases;

    /// <summary>Checks <paramref name="property"/> (which throws on failure) on <paramref name="cases"/> inputs of <paramref name="inputs"/>.</summary>
    public static void Check<T>(Gen<T> inputs, Action<T> property, int cases = 500)
    {
        var count = Cases(cases);
        var config = Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(Seed, Gamma).WithQuietOnSuccess(true);
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(Arb.From(inputs), property));
        }
        catch (Exception exception)
        {
            throw new FuzzFailedException($"Fuzzing failed; reproduce with USAGE_SCHEMA_FUZZ_SEED={Seed.ToString(CultureInfo.InvariantCulture)} USAGE_SCHEMA_FUZZ_CASES={count.ToString(CultureInfo.InvariantCulture)}.\n{exception.Message}", exception);
        }
    }
}

/// <summary>A fuzz property failed; the message says how to reproduce it.</summary>
internal sealed class FuzzFailedException(string message, Exception inner) : Exception(message, inner);
