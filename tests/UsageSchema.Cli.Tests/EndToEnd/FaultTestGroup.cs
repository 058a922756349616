namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// The heavy end-to-end tests (a CLI process and an emulator process each, thousands of records):
/// run one at a time, so they do not compete for the machine's cores and their timings mean something.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestGroup
{
    public const string Name = "End-to-end under faults";
}
