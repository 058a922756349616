using System.Globalization;
using System.Text;
using UsageSchema.Cli.Verification;

namespace UsageSchema.Cli.Reporting;

/// <summary>
/// Draws one resource's daily series (sent, delivered, loaded, failed) as an inline SVG bar chart, on the server, so
/// that the page needs no script and no network. Every bar carries its day, series and value as <c>data-</c>
/// attributes and a <c>title</c> (the tooltip), so a person and a test read the same figures.
/// </summary>
internal static class DailyChart
{
    /// <summary>The series, in drawing order, with how each is read from a day.</summary>
    public static readonly IReadOnlyList<(string Name, Func<DailyUsage, DailyCount> Of)> Series =
    [
        ("sent", day => day.Sent),
        ("delivered", day => day.Delivered),
        ("loaded", day => day.Loaded),
        ("failed", day => day.Failed),
    ];

    private const int BarWidth = 8;
    private const int DayWidth = (BarWidth * 4) + 10;
    private const int Left = 64;
    private const int Top = 12;
    private const int PlotHeight = 140;
    private const int Bottom = 40;

    /// <summary>Appends the chart of <paramref name="resource"/>'s record counts (<paramref name="charge"/> false) or charges.</summary>
    public static void Append(StringBuilder html, ResourceDays resource, bool charge)
    {
        var what = charge ? "charge" : "records";
        double Value(DailyCount count) => charge ? count.Charge : count.Records;
        var max = resource.Days.SelectMany(day => Series.Select(series => Value(series.Of(day)))).DefaultIfEmpty(0).Max();
        var scale = max > 0 ? PlotHeight / max : 0;
        var width = Left + (resource.Days.Count * DayWidth) + 8;
        var height = Top + PlotHeight + Bottom;

        html.Append(Invariant($"<svg class=\"chart\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" data-chart=\"{what}\" data-resource=\"")).Append(Html.Encode(resource.Resource)).Append("\">");
        html.Append("<title>").Append(Html.Encode(resource.Resource)).Append(charge ? ": charge per day" : ": records per day").Append("</title>");

        // The y axis: 0 and the largest value, with a line under the plot.
        html.Append(Invariant($"<line class=\"axis\" x1=\"{Left - 4}\" y1=\"{Top + PlotHeight}\" x2=\"{width - 4}\" y2=\"{Top + PlotHeight}\"/>"));
        html.Append(Invariant($"<text class=\"tick\" x=\"{Left - 8}\" y=\"{Top + PlotHeight}\" text-anchor=\"end\">0</text>"));
        html.Append(Invariant($"<text class=\"tick\" x=\"{Left - 8}\" y=\"{Top + 10}\" text-anchor=\"end\">{Number(max, charge)}</text>"));
        html.Append(Invariant($"<text class=\"unit\" x=\"4\" y=\"{Top + (PlotHeight / 2)}\">{what}</text>"));

        for (var index = 0; index < resource.Days.Count; index++)
        {
            var day = resource.Days[index];
            var date = day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var x0 = Left + (index * DayWidth);
            html.Append(Invariant($"<g class=\"day\" data-day=\"{date}\">"));
            for (var s = 0; s < Series.Count; s++)
            {
                var (name, of) = Series[s];
                var value = Value(of(day));
                var barHeight = value * scale;
                var y = Top + PlotHeight - barHeight;
                html.Append(Invariant($"<rect class=\"bar {name}\" data-series=\"{name}\" data-day=\"{date}\" data-value=\"{Number(value, charge)}\" x=\"{x0 + (s * BarWidth)}\" y=\"{y:0.##}\" width=\"{BarWidth - 1}\" height=\"{barHeight:0.##}\">"));
                html.Append(Invariant($"<title>{date} {name}: {Number(value, charge)} {what}</title></rect>"));
            }

            html.Append(Invariant($"<text class=\"label\" x=\"{x0 + (BarWidth * 2)}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\">{day.Day.ToString("MM-dd", CultureInfo.InvariantCulture)}</text>"));
            html.Append("</g>");
        }

        html.Append("</svg>");
    }

    /// <summary>A count as an integer, a charge with at most two decimals; invariant culture.</summary>
    public static string Number(double value, bool charge) =>
        charge ? value.ToString("0.##", CultureInfo.InvariantCulture) : value.ToString("0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
