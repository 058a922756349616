using System.Globalization;
using UsageSchema.Benchmarks.Reporting;

namespace UsageSchema.Benchmarks.Generation;

/// <summary>The generator's own time as the Roslyn driver reports it (GeneratorDriver.GetTimingInfo()).</summary>
internal static class GeneratorTiming
{
    public static void Print(int runs)
    {
        var input = GeneratorInput.Load();
        var first = new List<double>();
        var files = 0;
        for (var run = 0; run < runs; run++)
        {
            var driver = input.NewDriver().RunGenerators(input.Compilation);
            var elapsed = driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime.TotalMilliseconds;
            first.Add(elapsed);
            if (run == 0)
            {
                files = driver.GetRunResult().Results.Single().GeneratedSources.Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated files: {files}, cold first run (JIT included): {elapsed:F1} ms"));
            }
        }

        var warm = first.Skip(5).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first run of a new driver, median of {warm.Count} warm runs: {warm[warm.Count / 2]:F2} ms (min {warm[0]:F2}, max {warm[^1]:F2})"));
        ResultLine.Write(new { mode = "generator-timing", files, coldMs = first[0], warmRuns = warm.Count, warmMedianMs = warm[warm.Count / 2], warmMinMs = warm[0], warmMaxMs = warm[^1] });
    }
}
