using System.Diagnostics;
using System.Reflection;

namespace UsageSchema.Cli.Tests;

/// <summary>Runs the built CLI as its own process: <c>dotnet usage-schema.dll ARGS</c>.</summary>
internal static class CliProcess
{
    public static string DllPath { get; } = Path.GetFullPath(typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "UsageSchemaCliDll").Value!);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunInAsync(AppContext.BaseDirectory, environment, args);

    /// <summary>Runs the CLI in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(workingDirectory, input: null, environment, args);

    /// <summary>
    /// Runs the CLI with <paramref name="input"/> written to its standard input and then closed, as
    /// <c>sacct ... | usage-schema send amie -</c> does in a cron job.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(byte[] input, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(AppContext.BaseDirectory, input, environment, args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, byte[]? input, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        using var process = StartIn(workingDirectory, environment, args, redirectInput: input is not null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, timeout.Token);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the CLI with redirected output; the caller reads, waits for or kills it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args) => StartIn(AppContext.BaseDirectory, environment, args);

    /// <summary>Starts the CLI in <paramref name="workingDirectory"/> with redirected output.</summary>
    public static Process StartIn(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartIn(workingDirectory, environment, args, redirectInput: false);

    private static Process StartIn(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args, bool redirectInput)
    {
        Assert.True(File.Exists(DllPath), $"The CLI is not built at {DllPath}.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The CLI must not depend on the test runner's environment for its secrets, services or
        // configuration, nor read or write the user's own configuration and outbox.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("USAGE_SCHEMA_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_CONFIG_HOME"] = Isolated.Value;
        start.Environment["XDG_STATE_HOME"] = Isolated.Value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static readonly Lazy<string> Isolated = new(() => Directory.CreateTempSubdirectory("usage-schema-cli-home-").FullName);
}
