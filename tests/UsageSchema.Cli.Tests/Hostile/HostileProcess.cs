using System.Globalization;

namespace UsageSchema.Cli.Tests.Hostile;

/// <summary>A <c>usage-schema</c> process whose peak memory is measured, for the hostile suites' bounds on what a server can cost.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class HostileProcess
{
    /// <summary>Runs the CLI and samples its peak resident memory (VmHWM, KiB) from /proc until it exits (killed after 3 minutes).</summary>
    public static async Task<(int ExitCode, string Output, string Error, long PeakKiB)> RunMeasuredAsync(IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        using var process = CliProcess.Start(environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var status = $"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        long peak = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!process.HasExited && !timeout.IsCancellationRequested)
        {
            try
            {
                var line = File.ReadLines(status).FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                {
                    peak = Math.Max(peak, long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // Exited between the check and the read.
            }

            await Task.Delay(20);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error, peak);
    }
}
