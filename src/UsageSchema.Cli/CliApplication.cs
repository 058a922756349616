using System.CommandLine;
using UsageSchema.Cli.Commands;

namespace UsageSchema.Cli;

/// <summary>The <c>usage-schema</c> command line.</summary>
public static class CliApplication
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'usage-schema --help' for the commands and options.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("usage-schema: validate and send HPC usage to the AMIE Usage API, PERSEUS and the ACCESS Gateway Attributes API; run a local emulator of all three.");
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Config);
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(SendCommand.Build());
        root.Subcommands.Add(OutboxCommand.Build());
        root.Subcommands.Add(AmieCommands.Status());
        root.Subcommands.Add(AmieCommands.Failed());
        root.Subcommands.Add(AmieCommands.ClearFailed());
        root.Subcommands.Add(EmulateCommand.Build());
        return root;
    }
}
