using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace UsageSchema.Cli.Tests.Streaming;

/// <summary>
/// A 200,000-record JSON array (about 60 MB) through the real <c>usage-schema validate</c> process:
/// the counts are exact, and the process's peak resident memory, as the operating system counts it
/// (<c>/usr/bin/time -f %M</c>), stays under a bound that reading the file whole (its bytes, its
/// text and a <c>JsonNode</c> of it, several times the file) would exceed.
/// </summary>
public sealed class JsonDocumentMemoryTests : IDisposable
{
    private const int Records = 200_000;

    /// <summary>Peak RSS allowed, MiB: the runtime and the pipeline's bounded buffers, well under the file's own 60 MB times the whole read's copies.</summary>
    private const long BoundMiB = 160;

    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-json-memory-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Validate_reads_a_large_json_array_in_memory_that_does_not_grow_with_it()
    {
        Assert.True(File.Exists("/usr/bin/time"), "GNU time measures the peak resident memory");
        var path = Path.Combine(_folder, "records.json");
        WriteArray(path);
        var fileMiB = new FileInfo(path).Length / (1024 * 1024);

        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-f", "peak-kib %M", "dotnet", CliProcess.DllPath, "validate", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        var errorText = await error;
        Assert.True(process.ExitCode == ExitCodes.InvalidRecords, $"exit {process.ExitCode}: {errorText}");
        Assert.Contains($"{Records} record(s) read, {Records - 1} valid, 1 invalid or unreadable", await output, StringComparison.Ordinal);
        var peakLine = errorText.Split('\n').Last(line => line.StartsWith("peak-kib ", StringComparison.Ordinal));
        var peakMiB = long.Parse(peakLine["peak-kib ".Length..].Trim(), CultureInfo.InvariantCulture) / 1024;
        Assert.True(fileMiB > 50, $"the file is {fileMiB} MiB");
        Assert.True(peakMiB < BoundMiB, $"peak RSS {peakMiB} MiB for a {fileMiB} MiB document; the bound is {BoundMiB} MiB");
    }

    /// <summary>An indented array of compute records; record 100,000 has NodeCount 0.</summary>
    private static void WriteArray(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write("[\n");
        for (var i = 1; i <= Records; i++)
        {
            var nodes = i == Records / 2 ? 0 : 1;
            writer.Write("  {\"Username\": \"jdoe\", \"LocalProjectID\": \"csd123\", \"LocalRecordID\": \"");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write("\", \"Resource\": \"expanse.sdsc.access-ci.org\", \"SubmitTime\": \"2024-03-01T08:15:00-08:00\", \"StartTime\": \"2024-03-01T08:20:12-08:00\", \"EndTime\": \"2024-03-01T10:20:12-08:00\", \"Charge\": \"1.0\", \"Attributes\": {\"NodeCount\": ");
            writer.Write(nodes.ToString(CultureInfo.InvariantCulture));
            writer.Write(i == Records ? "}}\n" : "}},\n");
        }

        writer.Write("]\n");
    }
}
