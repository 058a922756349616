using System.Text.Json;

namespace UsageSchema.Benchmarks.Reporting;

/// <summary>
/// One machine-readable line, <c>RESULT {json}</c>, that bench/report.sh picks out of a console
/// mode's output; the human-readable lines around it stay as they are.
/// </summary>
public static class ResultLine
{
    public const string Prefix = "RESULT ";

    public static void Write(object figures) => Console.WriteLine(Prefix + JsonSerializer.Serialize(figures));
}
