using System.Collections.Concurrent;
using System.Diagnostics;

namespace UsageSchema.Generators.Tests.Harness;

/// <summary>
/// Runs the NSwag host the build runs, on a spec file, and returns the C# it writes: the
/// generator's real input. Cached per spec text, as the runs take a second or two.
/// </summary>
internal static class NSwagOutput
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Cache = new();

    public static string For(string specPath, string ns) =>
        Cache.GetOrAdd(ns + "|" + File.ReadAllText(specPath), _ => new Lazy<string>(() => Generate(specPath, ns))).Value;

    private static string Generate(string specPath, string ns)
    {
        var output = Directory.CreateTempSubdirectory("usage-schema-generator-tests-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UsageSchema.NSwag.dll"));
            start.ArgumentList.Add(output);
            start.ArgumentList.Add($"{specPath}|{ns}|TestOperations");
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            return File.ReadAllText(Path.Combine(output, Path.GetFileNameWithoutExtension(specPath) + ".g.cs"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
