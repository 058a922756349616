using System.Diagnostics;
using System.Reflection;

namespace UsageSchema.Cli.Tests;

/// <summary>Runs the built CLI as its own process: <c>dotnet UsageSchema.Cli.dll ARGS</c>.</summary>
internal static class CliProcess
{
    public static string DllPath { get; } = Path.GetFullPath(typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "UsageSchemaCliDll").Value!);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(DllPath), $"The CLI is not built at {DllPath}.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The CLI must not depend on the test runner's environment for its secrets.
        foreach (var name in new[] { "USAGE_SCHEMA_AMIE_API_KEY", "USAGE_SCHEMA_AMIE_SITE", "USAGE_SCHEMA_GATEWAY_API_KEY", "USAGE_SCHEMA_PERSEUS_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
