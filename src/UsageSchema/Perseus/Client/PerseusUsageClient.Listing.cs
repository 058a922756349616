using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Serialization;

namespace UsageSchema.Perseus.Client;

// GET on the report path: the emulator lists a project's stored reports there. Whether the real service offers a
// listing, and in what form, is not public (its documentation describes only the report itself): internal, for
// `usage-schema verify perseus`, which treats 404 and 405 as "no listing here".
public sealed partial class PerseusUsageClient
{
    /// <summary>The reports the service holds for <paramref name="projectOid"/>: <c>GET {base}/service/UsageReporting/{project_oid}</c>, a JSON array of reports.</summary>
    /// <param name="projectOid">The project.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="UsageServiceException">The service refused or failed; <see cref="UsageServiceException.StatusCode"/> is 404 or 405 where it has no listing.</exception>
    internal async Task<IReadOnlyList<UsageReport>> ListReportsAsync(string projectOid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectOid);
        var uri = new Uri(_baseAddress + "/service/UsageReporting/" + Uri.EscapeDataString(projectOid));
        var description = ServiceRequestDescription.For(HttpMethod.Get, uri);
        var response = await _invoker.SendAsync(() => CreateListRequest(uri), description, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ServiceFailures.FromStatus(Service, response, description, _token.Scrub, _invoker.TimeProvider);
        }

        const string Expected = "the listing is a JSON array of usage reports";
        try
        {
            return response.StatusCode == 200 && response.Body.Length > 0
                ? JsonSerializer.Deserialize<List<UsageReport>>(response.Body, UsageJson.Options) ?? throw ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub)
                : throw ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw ServiceFailures.Unreadable(Service, response, description, Expected, _token.Scrub, exception);
        }
    }

    private HttpRequestMessage CreateListRequest(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.TryAddWithoutValidation("Perseus-Token", _token.Reveal());
        return request;
    }
}
