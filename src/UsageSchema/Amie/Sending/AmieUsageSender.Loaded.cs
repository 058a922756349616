using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using UsageSchema.Serialization;

namespace UsageSchema.Amie.Sending;

// GET /usage/loaded: the query-string names are the spec's choice (they are not public; see the
// operation's description in spec/amie-usage.v1.yaml), and so is the tolerance for a "results" envelope.
public sealed partial class AmieUsageSender
{
    /// <summary>The most rows the service returns in one page of <c>GET /usage/loaded</c>: 25,000.</summary>
    public const int MaxLoadedPageSize = 25_000;

    /// <summary>The default bound on the pages one enumeration of <see cref="GetLoadedRecordsAsync"/> reads.</summary>
    public const int DefaultMaxLoadedPages = 1_000;

    private const string LoadedExpected = "a JSON array of loaded records";

    /// <inheritdoc />
    public async IAsyncEnumerable<LoadedUsageRecord> GetLoadedRecordsAsync(
        DateTimeOffset? minLoadedTime = null,
        string? localRecordId = null,
        int pageSize = MaxLoadedPageSize,
        int maxPages = DefaultMaxLoadedPages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxLoadedPageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        if (localRecordId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(localRecordId);
        }

        for (var page = 0; ; page++)
        {
            if (page == maxPages)
            {
                throw new InvalidOperationException(
                    $"GET /usage/loaded returned {maxPages.ToString(CultureInfo.InvariantCulture)} full pages of {pageSize.ToString(CultureInfo.InvariantCulture)} rows and there may be more; " +
                    "raise maxPages, or narrow the query with minLoadedTime (a service that ignores limit and offset also looks like this).");
            }

            var uri = new Uri(_baseAddress, "usage/loaded?" + LoadedQuery(minLoadedTime, localRecordId, pageSize, (long)page * pageSize));
            var response = await GetSuccessAsync(HttpMethod.Get, uri, cancellationToken).ConfigureAwait(false);
            var rows = ParseLoadedPage(response, uri);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < pageSize)
            {
                yield break;
            }
        }
    }

    private static string LoadedQuery(DateTimeOffset? minLoadedTime, string? localRecordId, int limit, long offset)
    {
        var query = new List<string>(4);
        if (minLoadedTime is { } since)
        {
            query.Add("min_loaded_time=" + Uri.EscapeDataString(FormatInstant(since)));
        }

        if (localRecordId is not null)
        {
            query.Add("local_record_id=" + Uri.EscapeDataString(localRecordId));
        }

        query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        query.Add("offset=" + offset.ToString(CultureInfo.InvariantCulture));
        return string.Join('&', query);
    }

    /// <summary>One page: the spec's bare array, or the same array under <c>results</c> (the real body's shape is not public).</summary>
    private List<LoadedUsageRecord> ParseLoadedPage(Resilience.ServiceResponse response, Uri uri)
    {
        if (response.StatusCode == 200 && response.Body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
                {
                    return results.Deserialize<List<LoadedUsageRecord>>(UsageJson.Options) ?? [];
                }
            }
            catch (JsonException)
            {
                // Not JSON at all: Parse below says so, with the body's start.
            }
        }

        return Parse<List<LoadedUsageRecord>>(response, uri, LoadedExpected);
    }
}
