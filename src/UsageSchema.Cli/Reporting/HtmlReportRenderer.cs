using System.Globalization;
using System.Text;
using UsageSchema.Cli.Verification;
using UsageSchema.Outbox;

namespace UsageSchema.Cli.Reporting;

/// <summary>
/// Renders a <see cref="ReportModel"/> as one self-contained HTML page: inline CSS and server-drawn SVG, no script,
/// nothing fetched at view time (the Content-Security-Policy forbids it, so even an injected tag could not load or
/// run anything). Every value from records, services or the outbox goes through <see cref="Html.Encode"/>.
/// </summary>
internal static class HtmlReportRenderer
{
    /// <summary>The page's policy: inline styles and nothing else; no script, no fetch, no frame, no form target.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
        table { border-collapse: collapse; margin: .5em 0; } th, td { border: 1px solid #ccc; padding: .2em .6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .charts { overflow-x: auto; } .chart { display: block; margin: .3em 0 1em; }
        .axis { stroke: #888; } .tick, .label, .unit { font-size: 10px; fill: #555; }
        .bar.sent { fill: #4e79a7; } .bar.delivered { fill: #59a14f; } .bar.loaded { fill: #9c755f; } .bar.failed { fill: #e15759; }
        .legend span { display: inline-block; margin-right: 1em; } .legend i { display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
        .legend .sent { background: #4e79a7; } .legend .delivered { background: #59a14f; } .legend .loaded { background: #9c755f; } .legend .failed { background: #e15759; }
        .status { padding: .1em .5em; border-radius: .3em; } .status.verified { background: #dfd; } .status.not-verified { background: #eee; } .status.service-error { background: #fdd; }
        .subject { font-family: ui-monospace, monospace; } .none { color: #777; }
        """;

    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>usage-schema report ").Append(Day(model.From)).Append(" to ").Append(Day(model.To)).Append("</title>");
        html.Append("<style>").Append(Style).Append("</style></head><body>");

        html.Append("<h1>Usage report</h1><p>Deliveries from ").Append(Instant(model.From)).Append(" to ").Append(Instant(model.To))
            .Append(" (UTC; days are usage days). Outbox ").Append(Html.Encode(model.OutboxName)).Append(". Made ").Append(Instant(model.GeneratedAt)).Append(".</p>");
        html.Append("<p class=\"legend\">");
        foreach (var (name, _) in DailyChart.Series)
        {
            html.Append("<span><i class=\"").Append(name).Append("\"></i>").Append(name).Append("</span>");
        }

        html.Append("</p>");

        foreach (var api in model.Apis)
        {
            AppendApi(html, api);
        }

        AppendOutbox(html, model);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendApi(StringBuilder html, ApiReport api)
    {
        var (label, css) = api.Status switch
        {
            ApiStatus.Verified => ("verified", "verified"),
            ApiStatus.NotVerified => ("not verified", "not-verified"),
            _ => ("service error", "service-error"),
        };
        html.Append("<section class=\"api\" data-api=\"").Append(api.Name).Append("\"><h2>").Append(api.Name)
            .Append(" <span class=\"status ").Append(css).Append("\">").Append(label).Append("</span></h2>");
        if (api.Problem is not null)
        {
            html.Append("<p class=\"problem\">").Append(Html.Encode(api.Problem)).Append("</p>");
        }

        if (api.Notes.Count > 0)
        {
            html.Append("<ul class=\"notes\">");
            foreach (var note in api.Notes)
            {
                html.Append("<li>").Append(Html.Encode(note)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (api.Status != ApiStatus.Verified)
        {
            html.Append("</section>");
            return;
        }

        html.Append("<h3>Records and charge per day</h3>");
        if (api.Resources.Count == 0)
        {
            html.Append("<p class=\"none\">No records in the window, in the outbox or at the service.</p>");
        }

        foreach (var resource in api.Resources)
        {
            html.Append("<div class=\"charts\"><h4 class=\"resource\">").Append(Html.Encode(resource.Resource)).Append("</h4>");
            DailyChart.Append(html, resource, charge: false);
            DailyChart.Append(html, resource, charge: true);
            html.Append("</div>");
        }

        var total = api.Findings.Sum(group => group.Findings.Count);
        html.Append("<h3>Open findings (").Append(total.ToString(CultureInfo.InvariantCulture)).Append(")</h3>");
        if (total == 0)
        {
            html.Append("<p class=\"none\">None: the outbox and the service agree.</p>");
        }

        foreach (var group in api.Findings)
        {
            html.Append("<h4 class=\"finding-kind\" data-kind=\"").Append(group.Kind.ToString()).Append("\">").Append(Html.Encode(Describe(group.Kind)))
                .Append(" (").Append(group.Findings.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h4><ul class=\"findings\">");
            foreach (var finding in group.Findings)
            {
                html.Append("<li><span class=\"subject\">").Append(Html.Encode(finding.Subject)).Append("</span>: ").Append(Html.Encode(finding.Detail));
                if (finding.Fixable)
                {
                    html.Append(" <em>(verify --fix repairs it)</em>");
                }

                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
    }

    private static void AppendOutbox(StringBuilder html, ReportModel model)
    {
        html.Append("<section class=\"outbox\"><h2>Outbox</h2><table><thead><tr><th>API</th>");
        var states = Enum.GetValues<OutboxState>();
        foreach (var state in states)
        {
            html.Append("<th>").Append(state.ToString().ToLowerInvariant()).Append("</th>");
        }

        html.Append("<th>backlog (pending + claimed)</th><th>oldest pending</th></tr></thead><tbody>");
        foreach (var backlog in model.Outbox.Backlog)
        {
            var api = UsageApiNames.Of(backlog.Api);
            html.Append("<tr data-api=\"").Append(api).Append("\"><td>").Append(api).Append("</td>");
            foreach (var state in states)
            {
                var count = model.Outbox.Counts.Where(count => count.Api == backlog.Api && count.State == state).Sum(count => count.Count);
                html.Append("<td data-state=\"").Append(state.ToString().ToLowerInvariant()).Append("\">").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("<td data-state=\"backlog\">").Append(backlog.Depth.ToString(CultureInfo.InvariantCulture)).Append("</td><td>");
            html.Append(backlog.OldestPendingEnqueuedAt is { } oldest
                ? Age(model.GeneratedAt - oldest) + " (enqueued " + Instant(oldest) + ")"
                : "none pending");
            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    /// <summary>A finding kind's heading, for a person.</summary>
    private static string Describe(FindingKind kind) => kind switch
    {
        FindingKind.DeliveredNotLoaded => "Delivered but not loaded",
        FindingKind.ChargeDiffers => "Loaded with a different charge",
        FindingKind.FailedAtService => "Failed at the service",
        FindingKind.UnknownToOutbox => "Loaded but unknown to this outbox",
        FindingKind.DayWithoutRecords => "Days without any record",
        _ => kind.ToString(),
    };

    private static string Age(TimeSpan age) =>
        age < TimeSpan.Zero ? "0 s"
        : age < TimeSpan.FromMinutes(1) ? Invariant($"{(int)age.TotalSeconds} s")
        : age < TimeSpan.FromHours(1) ? Invariant($"{(int)age.TotalMinutes} min")
        : age < TimeSpan.FromDays(1) ? Invariant($"{(int)age.TotalHours} h {age.Minutes} min")
        : Invariant($"{(int)age.TotalDays} d {age.Hours} h");

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
