namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// The seed of a fault case: the emulator's fault draws and the kill schedule. Each case has its own
/// default so that the cases do not fail in lockstep; <c>USAGE_SCHEMA_FAULT_SEED</c> replaces them all,
/// to repeat the suite with other seeds or replay the one a failing case printed.
/// </summary>
internal static class FaultSeed
{
    public const string Variable = "USAGE_SCHEMA_FAULT_SEED";

    public static int Resolve(int defaultSeed) => KillSchedule.Setting(Variable, defaultSeed);
}
