using System.Diagnostics;
using System.Diagnostics.Metrics;
using UsageSchema.DependencyInjection;

namespace UsageSchema.Telemetry;

/// <summary>
/// The instruments of the clients, on the <see cref="UsageSchemaTelemetry.MeterName"/> meter. Names and
/// units follow the OpenTelemetry semantic-convention style so that a collector's Prometheus exporter
/// turns them into <c>usage_schema_records_sent_total</c> and <c>usage_schema_request_duration_seconds</c>
/// without renaming. Tags carry the API (<c>amie</c>, <c>perseus</c>, <c>gateway</c>) and the status
/// code; never a key, a token or a record's content.
/// </summary>
internal static class UsageMetrics
{
    /// <summary>The tag naming the API: <c>amie</c>, <c>perseus</c> or <c>gateway</c>.</summary>
    public const string ApiTag = "usage.api";

    /// <summary>The tag of the answer's HTTP status; absent when no answer came.</summary>
    public const string StatusTag = "http.response.status_code";

    private static readonly Counter<long> RecordsSent = UsageSchemaTelemetry.Meter.CreateCounter<long>(
        "usage_schema.records.sent", "{record}", "Records in requests that got an answer from the service, whatever its status.");

    private static readonly Counter<long> RequestsFailed = UsageSchemaTelemetry.Meter.CreateCounter<long>(
        "usage_schema.requests.unanswered", "{request}", "Requests that got no answer after every retry (connection refused, timeouts).");

    private static readonly Histogram<double> RequestDuration = UsageSchemaTelemetry.Meter.CreateHistogram<double>(
        "usage_schema.request.duration", "s", "Duration of one logical request, retries and waits included.");

    /// <summary>Records a request the service answered.</summary>
    public static void Answered(string api, int? recordCount, int statusCode, TimeSpan elapsed)
    {
        var tags = new TagList { { ApiTag, api }, { StatusTag, statusCode } };
        RequestDuration.Record(elapsed.TotalSeconds, tags);
        if (recordCount is > 0)
        {
            RecordsSent.Add(recordCount.Value, tags);
        }
    }

    /// <summary>Records a request that got no answer.</summary>
    public static void Unanswered(string api, TimeSpan elapsed)
    {
        var tags = new TagList { { ApiTag, api } };
        RequestDuration.Record(elapsed.TotalSeconds, tags);
        RequestsFailed.Add(1, tags);
    }
}
