using System.Diagnostics;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>A <c>send</c> run killed with SIGKILL (<see cref="Process.Kill(bool)"/> on Linux) after a delay, unless it ended first.</summary>
internal static class KilledSend
{
    /// <returns>Whether the process was killed (false: it had already ended, with the given exit code).</returns>
    public static async Task<(bool Killed, int? ExitCode, string Output)> RunAsync(string[] args, TimeSpan killAfter)
    {
        using var process = CliProcess.Start(EmulatorProcess.Secrets, args);
        try
        {
            // Drain the pipes: a full pipe would stall the CLI and spoil the timing.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(killAfter)) == exited)
            {
                return (false, process.ExitCode, await output + await error);
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (true, null, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
