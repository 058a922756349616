using System.CommandLine;
using UsageSchema.Cli.Commands;
using UsageSchema.Cli.Monitoring;
using UsageSchema.Outbox;

namespace UsageSchema.Cli;

/// <summary>The <c>usage-schema</c> command line.</summary>
public static class CliApplication
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var output = Console.Out;
        Console.SetOut(output is TerminalSafeWriter ? output : new TerminalSafeWriter(output));
        try
        {
            return await RunWithMetricsAsync(args).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(output);
        }
    }

    private static async Task<int> RunWithMetricsAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        var metricsFile = parse.GetValue(GlobalOptions.MetricsFile);
        if (metricsFile is null)
        {
            return await RunAsync(parse).ConfigureAwait(false);
        }

        // Written whatever the outcome: a run that fails is exactly what the file must show.
        using var counts = new RunCounts();
        var exitCode = await RunAsync(parse).ConfigureAwait(false);
        try
        {
            await MetricsFile.WriteAsync(metricsFile, parse, exitCode, counts).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: the metrics file '{metricsFile}' could not be written: {exception.Message}").ConfigureAwait(false);
            return exitCode == ExitCodes.Success ? ExitCodes.ServiceError : exitCode;
        }

        return exitCode;
    }

    private static async Task<int> RunAsync(ParseResult parse)
    {
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'usage-schema --help' for the commands and options.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // The default handler would print a storage failure (disk full, a locked file, a lost database)
        // as a stack trace with exit 1; it is a failure of where the records are kept, not a bug.
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (OutboxStorageException exception)
        {
            await Console.Error.WriteLineAsync("outbox error: " + exception.Message).ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
        catch (OperationCanceledException)
        {
            return 1; // as System.CommandLine's default handler
        }
#pragma warning disable CA1031 // Anything else is what System.CommandLine's default handler would have printed.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync("Unhandled exception: " + exception).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("usage-schema: validate and send HPC usage to the AMIE Usage API, PERSEUS and the ACCESS Gateway Attributes API; run a local emulator of all three.");
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.MetricsFile);
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(SendCommand.Build());
        root.Subcommands.Add(OutboxCommand.Build());
        root.Subcommands.Add(AmieCommands.Status());
        root.Subcommands.Add(AmieCommands.Failed());
        root.Subcommands.Add(AmieCommands.ClearFailed());
        root.Subcommands.Add(VerifyCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(EmulateCommand.Build());
        return root;
    }
}
