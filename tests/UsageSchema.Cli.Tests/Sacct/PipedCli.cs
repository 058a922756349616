using System.Diagnostics;

namespace UsageSchema.Cli.Tests.Sacct;

/// <summary>
/// Runs the built CLI as its own process with the given bytes written to its standard input and
/// then closed, as <c>sacct ... | usage-schema send amie -</c> does in a cron job.
/// </summary>
internal static class PipedCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(byte[] input, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(CliProcess.DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // As CliProcess: nothing from the runner's environment, and no user configuration or outbox.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("USAGE_SCHEMA_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_CONFIG_HOME"] = Home.Value;
        start.Environment["XDG_STATE_HOME"] = Home.Value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(input, timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private static readonly Lazy<string> Home = new(() => Directory.CreateTempSubdirectory("usage-schema-cli-piped-").FullName);
}
