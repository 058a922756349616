using System.Globalization;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// What the environment may change in a fault case, so that the suite can be repeated with other
/// seeds, sizes or kill windows without editing it.
/// </summary>
internal static class FaultSettings
{
    /// <summary>
    /// Replaces the seed of every fault case (the emulator's fault draws and the kill schedule). Each
    /// case has its own default so that the cases do not fail in lockstep; a failing case prints its seed.
    /// </summary>
    public const string SeedVariable = "USAGE_SCHEMA_FAULT_SEED";

    public static int Seed(int defaultSeed) => Number(SeedVariable, defaultSeed);

    /// <summary>A whole number from the environment, else <paramref name="fallback"/>.</summary>
    public static int Number(string variable, int fallback)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(configured) ? fallback : int.Parse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
