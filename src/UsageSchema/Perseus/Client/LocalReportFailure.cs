using System.Globalization;
using UsageSchema.Validation;

namespace UsageSchema.Perseus.Client;

/// <summary>A report that was not sent because it is null or breaks its spec; the rest of the batch is unaffected.</summary>
/// <param name="Index">The report's 0-based position in the input.</param>
/// <param name="Report">The report.</param>
/// <param name="Message">A sentence naming the report and the problem.</param>
/// <param name="Violations">The spec violations.</param>
public sealed record LocalReportFailure(int Index, UsageReport? Report, string Message, IReadOnlyList<Violation> Violations)
{
    /// <inheritdoc />
    public override string ToString() => $"#{Index.ToString(CultureInfo.InvariantCulture)}: {Message}";
}
