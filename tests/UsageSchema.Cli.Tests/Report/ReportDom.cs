using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace UsageSchema.Cli.Tests.Report;

/// <summary>Reads the report's charts back from a DOM (as Chromium serialised it): per chart and resource, the bars.</summary>
internal static partial class ReportDom
{
    /// <summary>One bar: its series, day and value.</summary>
    public sealed record Bar(string Series, string Day, double Value);

    /// <summary>The bars of the chart of <paramref name="chart"/> (<c>records</c> or <c>charge</c>) of <paramref name="resource"/>.</summary>
    public static IReadOnlyList<Bar> Bars(string dom, string chart, string resource)
    {
        var charts = Chart().Matches(dom).Where(match => match.Groups["chart"].Value == chart && WebUtility.HtmlDecode(match.Groups["resource"].Value) == resource).ToList();
        var only = Assert.Single(charts);
        return [.. Rect().Matches(only.Groups["body"].Value).Select(bar => new Bar(
            Attribute(bar.Value, "data-series"), Attribute(bar.Value, "data-day"), double.Parse(Attribute(bar.Value, "data-value"), CultureInfo.InvariantCulture)))];
    }

    /// <summary>The resources that have a records chart.</summary>
    public static IReadOnlyList<string> Resources(string dom) =>
        [.. Chart().Matches(dom).Where(match => match.Groups["chart"].Value == "records").Select(match => WebUtility.HtmlDecode(match.Groups["resource"].Value))];

    private static string Attribute(string element, string name)
    {
        var match = Regex.Match(element, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        Assert.True(match.Success, $"no {name} in {element}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("""<svg[^>]*\sdata-chart="(?<chart>[^"]*)"[^>]*\sdata-resource="(?<resource>[^"]*)"[^>]*>(?<body>.*?)</svg>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Chart();

    [GeneratedRegex("<rect[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Rect();
}
