using System.Globalization;
using UsageSchema.Errors;

namespace UsageSchema.Perseus.Client;

/// <summary>The outcome of sending one report: one HTTP request.</summary>
public sealed class PerseusReportOutcome
{
    internal PerseusReportOutcome(UsageReport report, int index)
    {
        Report = report;
        Index = index;
    }

    /// <summary>The report sent.</summary>
    public UsageReport Report { get; }

    /// <summary>The report's 0-based position in the input.</summary>
    public int Index { get; }

    /// <summary>The final HTTP status code; null when no answer arrived.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>How many attempts the request took.</summary>
    public int Attempts { get; internal set; }

    /// <summary>How long the request took, retries included.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Why the request failed; null when it succeeded.</summary>
    public UsageServiceException? Error { get; internal set; }

    /// <summary>True when PERSEUS accepted the report.</summary>
    public bool Succeeded => Error is null;

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Index.ToString(CultureInfo.InvariantCulture)} {Report.ProjectOid}/{Report.ResourceId} {Report.Start}..{Report.End}: " +
        (Succeeded ? "status " + StatusCode?.ToString(CultureInfo.InvariantCulture) : "failed: " + Error!.Message);
}
