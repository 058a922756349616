using System.Globalization;

namespace UsageSchema.Benchmarks.Reporting;

/// <summary>
/// The process's peak resident set (VmHWM) and current resident set (VmRSS) from /proc/self/status:
/// what the kernel charged the process, the figure an operator sizing a machine cares about
/// (the GC's own counters leave out the runtime, JIT and native buffers).
/// </summary>
public static class PeakMemory
{
    /// <summary>Peak resident set in bytes, or -1 where /proc is not available (not Linux).</summary>
    public static long PeakResidentBytes() => Read("VmHWM:");

    /// <summary>Current resident set in bytes, or -1 where /proc is not available.</summary>
    public static long ResidentBytes() => Read("VmRSS:");

    private static long Read(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return -1;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmHWM:     123456 kB"
                var kilobytes = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }
}
