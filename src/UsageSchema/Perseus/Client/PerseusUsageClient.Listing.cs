using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Resilience;
using UsageSchema.Serialization;

namespace UsageSchema.Perseus.Client;

// GET on the report path of the spec's ReportUsage operation: the emulator lists a project's stored reports there.
// Whether the real service offers a listing, and in what form, is not public (its documentation describes only the
// report itself), so it is no operation of the spec: internal, for `usage-schema verify perseus`, which treats 404 and
// 405 as "no listing here". Path and headers are the report operation's.
public sealed partial class PerseusUsageClient
{
    /// <summary>The reports the service holds for <paramref name="projectOid"/>: <c>GET</c> on the report path, a JSON array of reports.</summary>
    /// <param name="projectOid">The project.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="UsageServiceException">The service refused or failed; <see cref="UsageServiceException.StatusCode"/> is 404 or 405 where it has no listing.</exception>
    internal async Task<IReadOnlyList<UsageReport>> ListReportsAsync(string projectOid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectOid);
        var uri = new Uri(_baseAddress, PerseusOperations.ReportUsage.RelativePath(PathSegment.Escape(projectOid, "The project_oid", nameof(projectOid))));
        var description = ServiceRequestDescription.For(HttpMethod.Get, uri);
        var response = await _invoker.SendAsync(() => CreateListRequest(uri), description, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ServiceFailures.FromStatus(Service, response, description, _token.Scrub, _invoker.TimeProvider);
        }

        const string Expected = "the listing is a JSON array of usage reports";
        List<UsageReport> reports;
        try
        {
            reports = response.StatusCode == 200 && response.Body.Length > 0
                ? JsonSerializer.Deserialize<List<UsageReport>>(response.Body, UsageJson.Options) ?? throw ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub)
                : throw ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub, exception);
        }

        return ReplyRows.NullRow(reports, "the array") is { } problem
            ? throw ServiceFailures.Unreadable(Service, response, description, $"{Expected}, but {problem}", _token.Scrub)
            : reports;
    }

    private HttpRequestMessage CreateListRequest(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(AcceptJson);
        SecurityHeaders.Add(request, PerseusOperations.ReportUsage, header => header == PerseusOperations.SecuritySchemes.PerseusToken ? _token.Reveal() : null);
        return request;
    }
}
