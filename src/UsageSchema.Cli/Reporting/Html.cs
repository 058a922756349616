using System.Net;

namespace UsageSchema.Cli.Reporting;

/// <summary>The one way a value from a record, a service or the outbox enters the report: HTML-encoded.</summary>
internal static class Html
{
    /// <summary><paramref name="text"/> safe as element content and as a double-quoted attribute value.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
