using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator;

/// <summary>
/// The AMIE Usage API: every operation of <see cref="AmieUsageOperations"/> (sending usage, its status,
/// the loaded and the failed records, clearing failed records) at the spec's paths, behind the spec's
/// key and site headers.
/// </summary>
/// <remarks>
/// <para>Choices where the real service is not documented: the <c>POST</c> answer names its failed records
/// <c>ValidationFailedRecords</c> (the key of the route list and of the reference client, amieclient, which reads no
/// other) and <c>GET /usage/failed</c> names them <c>FailedRecords</c> (the key a later fix of that client says the API
/// "actually returns"); one key each, never both, so that a reader that knows only one of them fails against the
/// emulator as it would against the service. Each failed record carries its <c>FailedRecordID</c>; a missing or wrong key or site is answered <c>401</c> with
/// <c>{"error": ...}</c>; a body over the limit <c>413</c> with <c>{"error": ...}</c>.</para>
/// <para>A valid record is queued and counts as loaded <see cref="EmulatorOptions.AmieLoadDelay"/>
/// later. <c>/usage/status</c> reports, per resource, the records loaded and the records failed in
/// the <c>FromTime</c>..<c>ToTime</c> window (by the time they were processed: loaded, or rejected),
/// both bounds optional and inclusive; a date-only <c>ToTime</c> covers its whole day (UTC).</para>
/// </remarks>
internal sealed partial class AmieService(EmulatorStore store, EmulatorOptions options)
{
    internal const string DuplicateError = "Duplicate LocalRecordID";
    private readonly TimeProvider _clock = options.TimeProvider;
    private readonly string _apiKey = options.AmieApiKey;
    private readonly string _siteName = options.AmieSiteName;
    private readonly long _loadDelayMs = (long)options.AmieLoadDelay.TotalMilliseconds;
    private readonly long _maxBodyBytes = options.MaxRequestBodyBytes;
    private readonly Acceptance.RequestBodyCheck _sendUsage = Acceptance.AcceptanceEngine.Shared.Amie.Body(AmieUsageOperations.SendUsage.Method, AmieUsageOperations.SendUsage.PathTemplate);

    // The message's members, by their generated C# names (the wire names are the spec's).
    private static readonly string UsageTypeName = Acceptance.WireName.Of<ComputeUsageMessage>(nameof(ComputeUsageMessage.UsageType));
    private static readonly string RecordsName = Acceptance.WireName.Of<ComputeUsageMessage>(nameof(ComputeUsageMessage.Records));
    private static readonly string ChargeName = Acceptance.WireName.Of<ComputeUsageRecord>(nameof(ComputeUsageRecord.Charge));

    // The key members in UTF-8, matched against a record's raw member names (no string per member).
    private static readonly byte[] ChargeU8 = System.Text.Encoding.UTF8.GetBytes(ChargeName);
    private static readonly byte[] ResourceU8 = System.Text.Encoding.UTF8.GetBytes(IAmieUsageRecord.WireNames.Resource);
    private static readonly byte[] LocalRecordIdU8 = System.Text.Encoding.UTF8.GetBytes(IAmieUsageRecord.WireNames.LocalRecordId);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(EmulatorRoutes.AmiePrefix);

        // Routes and methods are the spec's. Routing matches a trailing slash as well ("/usage/"):
        // the reference client posts with one.
        EmulatorRoutes.Map(group, AmieUsageOperations.SendUsage, Guard(PostUsageAsync));
        EmulatorRoutes.Map(group, AmieUsageOperations.GetUsageStatus, Guard(GetStatusAsync));
        EmulatorRoutes.Map(group, AmieUsageOperations.GetLoadedRecords, Guard(GetLoadedAsync));
        EmulatorRoutes.Map(group, AmieUsageOperations.GetFailedRecords, Guard(GetFailedAsync));
        EmulatorRoutes.Map(group, AmieUsageOperations.ClearFailedRecords, Guard(DeleteFailedAsync));
    }

    private RequestDelegate Guard(RequestDelegate handler) => context =>
        Authorized(context.Request) ? handler(context)
            : EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status401Unauthorized,
                $"Invalid or missing {AmieUsageOperations.SecuritySchemes.XaApiKey} / {AmieUsageOperations.SecuritySchemes.XaSite} headers.");

    private bool Authorized(HttpRequest request) =>
        EmulatorResponses.KeyMatches(request.Headers[AmieUsageOperations.SecuritySchemes.XaApiKey].ToString(), _apiKey)
        && string.Equals(request.Headers[AmieUsageOperations.SecuritySchemes.XaSite].ToString().Trim(), _siteName, StringComparison.OrdinalIgnoreCase);

    private async Task PostUsageAsync(HttpContext context)
    {
        var profile = IntakeProfile.Current;
        var mark = profile?.Now(IntakeProfile.Stage.Read) ?? 0;
        using var body = await PooledBody.ReadAsync(context, _maxBodyBytes).ConfigureAwait(false);
        mark = profile?.Add(IntakeProfile.Stage.Read, mark) ?? 0;
        if (body is null)
        {
            await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"Request body is larger than {_maxBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes.").ConfigureAwait(false);
            return;
        }

        JsonDocument document;
        try
        {
            // Over the rented bytes themselves (no copy); disposed before they are returned.
            document = JsonDocument.Parse(body.Memory, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON: " + exception.Message).ConfigureAwait(false);
            return;
        }

        mark = profile?.Add(IntakeProfile.Stage.Parse, mark) ?? 0;
        using (document)
        {
            // One parse: the acceptance engine (the emulator's own reading of the spec, not the client's Validate())
            // and the queue both work on this document's elements.
            var sent = document.RootElement;
            var verdict = _sendUsage.Check(sent, profile);
            mark = profile?.Now(IntakeProfile.Stage.Store) ?? 0;
            var problems = verdict.Violations.Where(violation => violation.RecordIndex(RecordsName) is null).ToList();
            if (problems.Count > 0)
            {
                await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status400BadRequest, string.Join("; ", problems)).ConfigureAwait(false);
                return;
            }

            var usageType = Enum.Parse<UsageType>(sent.GetProperty(UsageTypeName).GetString()!);
            var records = sent.GetProperty(RecordsName);
            var read = verdict.Body.GetProperty(RecordsName);
            var errors = verdict.Violations.ToLookup(violation => violation.RecordIndex(RecordsName)!.Value);
            var now = EmulatorStore.ToUnixMs(_clock.GetUtcNow());
            var (queued, failed) = store.Run(connection => Queue(connection, usageType, records, read, errors, now));
            mark = profile?.Add(IntakeProfile.Stage.Store, mark) ?? 0;
            var response = new UsageResponse
            {
                Message = $"{queued.ToString(CultureInfo.InvariantCulture)} records have been queued for loading.",
                ValidationFailedRecords = failed,
            };
            EmulatorResponses.AddFormsRead(context, verdict);
            await EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, response).ConfigureAwait(false);
            if (profile is not null)
            {
                profile.Add(IntakeProfile.Stage.Answer, mark);
                profile.Done(queued + failed.Count);
            }
        }
    }

    private async Task GetStatusAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryReadBound(query[AmieUsageOperations.Names.GetUsageStatus.FromTime].ToString(), endOfDay: false, out var from) || !TryReadBound(query[AmieUsageOperations.Names.GetUsageStatus.ToTime].ToString(), endOfDay: true, out var to))
        {
            await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status400BadRequest, "FromTime and ToTime must be ISO 8601 dates or date-times.").ConfigureAwait(false);
            return;
        }

        var now = EmulatorStore.ToUnixMs(_clock.GetUtcNow());
        var upper = Math.Min(to ?? long.MaxValue, now);
        var lower = from ?? long.MinValue;
        var resources = store.Run(connection => Status(connection, lower, upper));
        await EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, resources).ConfigureAwait(false);
    }

    private List<UsageStatusResource> Status(SqliteConnection connection, long lower, long upper)
    {
        var byResource = new SortedDictionary<string, UsageStatusResource>(StringComparer.Ordinal);
        UsageStatusResource Entry(string resource)
        {
            if (!byResource.TryGetValue(resource, out var entry))
            {
                entry = new UsageStatusResource { Resource = resource, Errors = [] };
                byResource[resource] = entry;
            }

            return entry;
        }

        // A record is loaded once its delay has passed; it is counted in the window it was loaded in.
        using (var loaded = EmulatorStore.Command(connection,
            "SELECT resource, COUNT(*), TOTAL(charge) FROM amie_records WHERE queued_at + $d >= $lo AND queued_at + $d <= $hi GROUP BY resource",
            ("$d", _loadDelayMs), ("$lo", lower), ("$hi", upper)))
        using (var reader = loaded.ExecuteReader())
        {
            while (reader.Read())
            {
                var entry = Entry(reader.GetString(0));
                entry.LoadedRecordCount = reader.GetInt64(1);
                entry.TotalCharge = reader.GetDouble(2);
            }
        }

        foreach (var failure in ReadFailed(connection, "WHERE queued_at >= $lo AND queued_at <= $hi", ("$lo", lower), ("$hi", upper)))
        {
            var entry = Entry(failure.Resource ?? string.Empty);
            entry.FailedJobCount++;
            var group = entry.Errors!.FirstOrDefault(error => error.Error == failure.Error);
            if (group is null)
            {
                group = new UsageStatusError { Error = failure.Error ?? string.Empty, Records = [] };
                entry.Errors!.Add(group);
            }

            group.Records!.Add(failure);
        }

        return [.. byResource.Values];
    }

    private static List<FailedUsageRecord> ReadFailed(SqliteConnection connection, string where, params (string, object?)[] parameters)
    {
        var failed = new List<FailedUsageRecord>();
        using var command = EmulatorStore.Command(connection, "SELECT id, json FROM amie_failed " + where + " ORDER BY id", parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var failure = JsonSerializer.Deserialize<FailedUsageRecord>(reader.GetString(1), UsageJson.Options)!;
            failure.FailedRecordId = EmulatorStore.Invariant(reader.GetInt64(0));
            failed.Add(failure);
        }

        return failed;
    }

    private async Task GetFailedAsync(HttpContext context)
    {
        var failed = store.Run(connection => ReadFailed(connection, string.Empty));
        await EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, new FailedUsageRecords { FailedRecords = failed }).ConfigureAwait(false);
    }

    private async Task DeleteFailedAsync(HttpContext context)
    {
        var raw = EmulatorRoutes.RouteValue(context, AmieUsageOperations.Names.ClearFailedRecords.Ids);
        var ids = new List<long>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(Uri.UnescapeDataString(part), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                await EmulatorResponses.WriteJsonErrorAsync(context, StatusCodes.Status400BadRequest, $"'{part}' is not a FailedRecordID.").ConfigureAwait(false);
                return;
            }

            ids.Add(id);
        }

        store.Run(connection =>
        {
            foreach (var id in ids)
            {
                using var delete = EmulatorStore.Command(connection, "DELETE FROM amie_failed WHERE id = $id", ("$id", id));
                delete.ExecuteNonQuery();
            }

            return ids.Count;
        });
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Reads an optional ISO 8601 bound: a date-time (an offset-less one is UTC) or a date (its start, or with <paramref name="endOfDay"/> its end).</summary>
    internal static bool TryReadBound(string text, bool endOfDay, out long? unixMs)
    {
        unixMs = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            unixMs = EmulatorStore.ToUnixMs(endOfDay ? start.AddDays(1).AddMilliseconds(-1) : start);
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            unixMs = EmulatorStore.ToUnixMs(instant);
            return true;
        }

        return false;
    }
}
