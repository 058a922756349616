using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Resilience;
using UsageSchema.Serialization;
using LoadedNames = UsageSchema.Amie.AmieUsageOperations.Names.GetLoadedRecords;

namespace UsageSchema.Amie.Sending;

// GetLoadedRecords: the query-string names are the spec's choice (they are not public; see the
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

        // A service that ignores limit and offset answers the same full page forever: the hash of the previous page's body
        // catches the repeat at the second page, and maxPages bounds any other endless walk (one page in memory at a time).
        byte[]? previous = null;
        for (var page = 0; ; page++)
        {
            var operation = AmieUsageOperations.GetLoadedRecords;
            if (page == maxPages)
            {
                throw new UnexpectedResponseException(
                    $"{Service}: {operation} returned {maxPages.ToString(CultureInfo.InvariantCulture)} full pages of {pageSize.ToString(CultureInfo.InvariantCulture)} rows (the most this reads) and there may be more; " +
                    "stopped there. Narrow the query with minLoadedTime, or raise maxPages (a service that ignores limit and offset also looks like this).",
                    null, null, null);
            }

            var query = operation.Query(
                (LoadedNames.MinLoadedTime, minLoadedTime is { } since ? FormatInstant(since) : null),
                (LoadedNames.LocalRecordId, localRecordId),
                (LoadedNames.Limit, pageSize.ToString(CultureInfo.InvariantCulture)),
                (LoadedNames.Offset, ((long)page * pageSize).ToString(CultureInfo.InvariantCulture)));
            var uri = new Uri(_baseAddress, operation.RelativePath() + query);
            var response = await GetSuccessAsync(operation, uri, cancellationToken).ConfigureAwait(false);
            var rows = ParseLoadedPage(response, uri);
            if (ReplyRows.NullRow(rows, "the page") is { } nullRow)
            {
                throw ServiceFailures.Unreadable(Service, response, ServiceRequestDescription.For(HttpMethod.Get, uri), $"{nullRow}, so it is not {LoadedExpected}", _apiKey.Scrub);
            }

            var hash = SHA256.HashData(response.Body);
            if (previous is not null && hash.AsSpan().SequenceEqual(previous))
            {
                throw ServiceFailures.Unreadable(Service, response, ServiceRequestDescription.For(HttpMethod.Get, uri),
                    $"the page at offset {((long)page * pageSize).ToString(CultureInfo.InvariantCulture)} is the same as the one before it: the service ignores offset, and paging would never end. Stopped after {page.ToString(CultureInfo.InvariantCulture)} page(s)",
                    _apiKey.Scrub);
            }

            previous = hash;
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

    /// <summary>One page: the spec's bare array, or the same array under <c>results</c> (the real body's shape is not public).</summary>
    private List<LoadedUsageRecord> ParseLoadedPage(ServiceResponse response, Uri uri)
    {
        if (response.StatusCode == 200 && response.Body.Length > 0)
        {
            try
            {
                if (FromResultsEnvelope(response.Body) is { } rows)
                {
                    return rows;
                }
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                // Not JSON at all, or results that are no rows: Parse below says so, with the body's start.
            }
        }

        return Parse<List<LoadedUsageRecord>>(response, uri, LoadedExpected);
    }

    /// <summary>The rows of a <c>{"results": [...]}</c> page; null when <paramref name="body"/> is no such object (then it must be the bare array).</summary>
    /// <exception cref="JsonException">The body is not JSON, or its results are not loaded records.</exception>
    internal static List<LoadedUsageRecord>? FromResultsEnvelope(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
            ? results.Deserialize<List<LoadedUsageRecord>>(UsageJson.Options) ?? []
            : null;
    }
}
