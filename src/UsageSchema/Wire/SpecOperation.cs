using System.Globalization;
using System.Text;

namespace UsageSchema.Wire;

/// <summary>
/// One operation of a spec, as the build read it: method, path template, the wire names of its
/// parameters and form fields, the security headers it needs and its documented success statuses.
/// The generated <c>AmieUsageOperations</c>, <c>GatewayAttributesOperations</c> and
/// <c>PerseusOperations</c> hold one per <c>operationId</c>; the clients, the emulator and the tests
/// build every request and route from them, so the spec is the only place a route or header is written.
/// </summary>
public sealed class SpecOperation
{
    /// <summary>Called by the generated operations classes only.</summary>
    /// <param name="operationId">The spec's <c>operationId</c>.</param>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="pathTemplate">The spec's path, e.g. <c>/usage/failed/{ids}</c>.</param>
    /// <param name="pathParameters">The path parameters, in the template's order.</param>
    /// <param name="queryParameters">The query parameters, in the spec's order.</param>
    /// <param name="headerParameters">The header parameters (not the security headers), in the spec's order.</param>
    /// <param name="formFields">The fields of a form-encoded request body, in the schema's order.</param>
    /// <param name="securityHeaders">The header names of the operation's first security requirement.</param>
    /// <param name="successStatusCodes">The documented 2xx statuses.</param>
    public SpecOperation(
        string operationId,
        string method,
        string pathTemplate,
        IReadOnlyList<string> pathParameters,
        IReadOnlyList<string> queryParameters,
        IReadOnlyList<string> headerParameters,
        IReadOnlyList<string> formFields,
        IReadOnlyList<string> securityHeaders,
        IReadOnlyList<int> successStatusCodes)
    {
        OperationId = operationId;
        Method = new HttpMethod(method);
        PathTemplate = pathTemplate;
        PathParameters = pathParameters;
        QueryParameters = queryParameters;
        HeaderParameters = headerParameters;
        FormFields = formFields;
        SecurityHeaders = securityHeaders;
        SuccessStatusCodes = successStatusCodes;
    }

    /// <summary>The spec's <c>operationId</c>, e.g. <c>ClearFailedRecords</c>.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The spec's path, e.g. <c>/usage/failed/{ids}</c>; also an ASP.NET Core route template.</summary>
    public string PathTemplate { get; }

    /// <summary>The path parameters, in the order the template names them.</summary>
    public IReadOnlyList<string> PathParameters { get; }

    /// <summary>The query parameters, in the spec's order.</summary>
    public IReadOnlyList<string> QueryParameters { get; }

    /// <summary>The header parameters that are not security headers (the gateway's optional <c>XA-AGENT</c>).</summary>
    public IReadOnlyList<string> HeaderParameters { get; }

    /// <summary>The fields of a form-encoded request body, in the schema's order; empty for other bodies.</summary>
    public IReadOnlyList<string> FormFields { get; }

    /// <summary>The headers the operation's first security requirement puts on every request (its alternatives are not listed).</summary>
    public IReadOnlyList<string> SecurityHeaders { get; }

    /// <summary>The documented 2xx statuses.</summary>
    public IReadOnlyList<int> SuccessStatusCodes { get; }

    /// <summary>
    /// The request path relative to the service's base address (no leading <c>/</c>), with the
    /// template's parameters replaced, in order, by <paramref name="segments"/>. Each segment must
    /// already be percent-encoded (the clients check and encode theirs with their path-segment
    /// rules); a segment that would name another path is refused.
    /// </summary>
    /// <param name="segments">One encoded value per <see cref="PathParameters"/> entry.</param>
    /// <exception cref="ArgumentException">The count is wrong, or a segment is empty, a dot segment or holds <c>/</c>, <c>?</c> or <c>#</c>.</exception>
    public string RelativePath(params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length != PathParameters.Count)
        {
            throw new ArgumentException(
                $"{this} takes {PathParameters.Count.ToString(CultureInfo.InvariantCulture)} path value(s) ({string.Join(", ", PathParameters)}), got {segments.Length.ToString(CultureInfo.InvariantCulture)}.", nameof(segments));
        }

        var path = new StringBuilder(PathTemplate.Length + 32);
        var next = 0;
        foreach (var part in PathTemplate.TrimStart('/').Split('/'))
        {
            if (path.Length > 0)
            {
                path.Append('/');
            }

            if (part.Length > 2 && part[0] == '{' && part[^1] == '}')
            {
                var segment = segments[next];
                var name = PathParameters[next++];
                if (string.IsNullOrEmpty(segment) || segment is "." or ".." || segment.IndexOfAny(['/', '?', '#']) >= 0)
                {
                    throw new ArgumentException($"The value of {{{name}}} of {this} is empty, a dot segment, or holds '/', '?' or '#'.", nameof(segments));
                }

                path.Append(segment);
            }
            else
            {
                path.Append(part);
            }
        }

        return path.ToString();
    }

    /// <summary>
    /// A query string (<c>?FromTime=...&amp;ToTime=...</c>, or empty) of the given parameters in the
    /// given order; unset values are left out, values are percent-encoded.
    /// </summary>
    /// <param name="parameters">Names from <see cref="QueryParameters"/> and their values.</param>
    /// <exception cref="ArgumentException">A name is not one of the operation's query parameters.</exception>
    public string Query(params (string Name, string? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (!QueryParameters.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a query parameter of {this} (the spec names {string.Join(", ", QueryParameters)}).", nameof(parameters));
            }

            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }

    /// <summary>Whether <paramref name="statusCode"/> is one of the documented successes.</summary>
    /// <param name="statusCode">An HTTP status.</param>
    public bool IsDocumentedSuccess(int statusCode) => SuccessStatusCodes.Contains(statusCode);

    /// <summary><c>DELETE /usage/failed/{ids}</c>.</summary>
    public override string ToString() => Method.Method + " " + PathTemplate;
}
