using System.Diagnostics;
using System.Text.RegularExpressions;

namespace UsageSchema.Cli.Tests.Report;

/// <summary>
/// Debian's Chromium, headless, as a person's browser would open a report file: <c>--dump-dom</c> gives the DOM
/// after the page was parsed (and any script ran), <c>--enable-logging=stderr</c> prints every console message
/// (errors, Content-Security-Policy violations, failed loads) as a <c>CONSOLE</c> line, and <c>--screenshot</c> the
/// rendered pixels. Each run gets a fresh profile; the background-networking switches keep it from reaching out.
/// </summary>
internal static partial class HeadlessChromium
{
    /// <summary>Where Chromium is: <c>USAGE_SCHEMA_TEST_CHROMIUM</c>, else <c>/usr/bin/chromium</c>; null when absent.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Why the browser tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Path is null
        ? "Chromium is not installed (no /usr/bin/chromium and no USAGE_SCHEMA_TEST_CHROMIUM): run scripts/ensure-chromium.sh as root (apt-get install chromium)."
        : null;

    /// <summary>Opens <paramref name="file"/> and returns the DOM after load, and the console lines it printed.</summary>
    public static async Task<(string Dom, IReadOnlyList<string> Console)> DumpDomAsync(string file)
    {
        var (output, error) = await RunAsync("--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(file).AbsoluteUri);
        return (output, [.. error.Split('\n').Where(line => ConsoleLine().IsMatch(line))]);
    }

    /// <summary>Renders <paramref name="file"/> into a PNG of <paramref name="width"/> by <paramref name="height"/> pixels and returns its bytes.</summary>
    public static async Task<byte[]> ScreenshotAsync(string file, int width, int height)
    {
        var png = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"usage-schema-report-{Guid.NewGuid():N}.png");
        try
        {
            await RunAsync($"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(file).AbsoluteUri);
            return File.Exists(png) ? await File.ReadAllBytesAsync(png) : [];
        }
        finally
        {
            File.Delete(png);
        }
    }

    private static async Task<(string Output, string Error)> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("usage-schema-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within 60 s: {string.Join(' ', arguments)}\n{await error}");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited {process.ExitCode}\n{await error}");
            return (await output, await error);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("USAGE_SCHEMA_TEST_CHROMIUM");
        foreach (var candidate in new[] { configured, "/usr/bin/chromium" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // e.g. [30920:30920:1201/113416.208113:INFO:CONSOLE:1] "Uncaught ReferenceError: ...", source: file:///... (1)
    [GeneratedRegex(@":CONSOLE[:(]", RegexOptions.CultureInvariant)]
    private static partial Regex ConsoleLine();
}

/// <summary>A fact that needs Chromium; skipped, with the way to install it, where Chromium is absent.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
