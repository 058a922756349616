using System.CommandLine;
using UsageSchema.Cli.Configuration;

namespace UsageSchema.Cli.Commands;

/// <summary>The options every command takes.</summary>
internal static class GlobalOptions
{
    public static Option<bool> Json { get; } = new("--json") { Description = "Write machine-readable JSON to standard output.", Recursive = true };

    public static Option<string?> Config { get; } = new("--config") { Description = $"The configuration file (else {CliConfigLoader.ConfigVariable}, else $XDG_CONFIG_HOME/usage-schema/config.json, ~/.config by default; the working directory is never searched). Refused when group or others may write it or it is not yours.", Recursive = true };

    public static Option<string?> MetricsFile { get; } = new("--metrics-file") { Description = "At the end of the run, write its metrics (last run and last successful run time, exit code, records per API and outcome) to this file in the Prometheus text format, replaced atomically, for node_exporter's textfile collector. Written when the run fails too.", Recursive = true };

    public static CliConfig LoadConfig(ParseResult parse) => CliConfigLoader.Load(parse.GetValue(Config), Console.Error);
}
