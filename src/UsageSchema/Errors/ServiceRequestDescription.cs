using System.Globalization;
using System.Text;

namespace UsageSchema.Errors;

/// <summary>
/// What a failed request was, as far as it is safe to repeat in a log or an exception: the method,
/// the path and the size of what was sent. Headers are never part of it, because they carry the keys.
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The request path and query, e.g. <c>/api/v1/usage</c>.</param>
/// <param name="RecordCount">How many records or reports the body carried; null for requests without records.</param>
/// <param name="BodyBytes">The size of the body in bytes; null for requests without a body.</param>
public sealed record ServiceRequestDescription(string Method, string Path, int? RecordCount = null, long? BodyBytes = null)
{
    /// <summary>Describes a request to <paramref name="uri"/>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute request URI; only its path and query are kept.</param>
    /// <param name="recordCount">How many records the body carried.</param>
    /// <param name="bodyBytes">The size of the body.</param>
    public static ServiceRequestDescription For(HttpMethod method, Uri uri, int? recordCount = null, long? bodyBytes = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        return new ServiceRequestDescription(method.Method, uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString, recordCount, bodyBytes);
    }

    /// <summary><c>POST /api/v1/usage (120 records, 34567 bytes)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Method).Append(' ').Append(Path);
        if (RecordCount is null && BodyBytes is null)
        {
            return text.ToString();
        }

        text.Append(" (");
        if (RecordCount is { } records)
        {
            text.Append(records.ToString(CultureInfo.InvariantCulture)).Append(records == 1 ? " record" : " records");
        }

        if (BodyBytes is { } bytes)
        {
            text.Append(RecordCount is null ? string.Empty : ", ").Append(bytes.ToString(CultureInfo.InvariantCulture)).Append(" bytes");
        }

        return text.Append(')').ToString();
    }
}
