using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
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

        for (var page = 0; ; page++)
        {
            if (page == maxPages)
            {
                throw new InvalidOperationException(
                    $"{AmieUsageOperations.GetLoadedRecords} returned {maxPages.ToString(CultureInfo.InvariantCulture)} full pages of {pageSize.ToString(CultureInfo.InvariantCulture)} rows and there may be more; " +
                    "raise maxPages, or narrow the query with minLoadedTime (a service that ignores limit and offset also looks like this).");
            }

            var operation = AmieUsageOperations.GetLoadedRecords;
            var query = operation.Query(
                (LoadedNames.MinLoadedTime, minLoadedTime is { } since ? FormatInstant(since) : null),
                (LoadedNames.LocalRecordId, localRecordId),
                (LoadedNames.Limit, pageSize.ToString(CultureInfo.InvariantCulture)),
                (LoadedNames.Offset, ((long)page * pageSize).ToString(CultureInfo.InvariantCulture)));
            var uri = new Uri(_baseAddress, operation.RelativePath() + query);
            var response = await GetSuccessAsync(operation, uri, cancellationToken).ConfigureAwait(false);
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
