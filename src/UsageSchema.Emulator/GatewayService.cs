using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using UsageSchema.GatewayAttributes;
using Form = UsageSchema.GatewayAttributes.GatewayAttributesOperations.Names.SubmitJobAttributes;

namespace UsageSchema.Emulator;

/// <summary>
/// The ACCESS Gateway Attributes API: <c>POST /gateway/v2/job_attributes</c> (form-encoded, plain-text
/// reply) and the read-back GETs, behind <c>XA-API-Key</c> (or the legacy <c>apikey</c> form field).
/// </summary>
/// <remarks>
/// Choices where the real service is not documented: a missing or wrong key is answered <c>401</c>
/// in plain text; attributes that break the spec <c>400</c> in plain text, one violation a line; an
/// unknown resource <c>200</c> with the <c>Did you mean one of these?</c> list (clients read it to
/// learn the valid names). A job is stored once per (resource, job id): re-sending overwrites it.
/// Every job is charged to <see cref="EmulatorOptions.GatewayGrantNumber"/>; <c>by_res_user_dates</c>
/// matches the gateway user, and both date queries the submission date (UTC), bounds inclusive.
/// </remarks>
internal sealed class GatewayService(EmulatorStore store, EmulatorOptions options)
{
    private const int LastJobsCount = 100;
    private const string KeyHeader = GatewayAttributesOperations.SecuritySchemes.XaApiKey;
    private readonly string _apiKey = options.GatewayApiKey;
    private readonly string _gatewayName = options.GatewayName;
    private readonly string _grantNumber = options.GatewayGrantNumber;
    private readonly string[] _resourceNames = [.. options.GatewayResourceNames];
    private readonly long _maxBodyBytes = options.MaxRequestBodyBytes;
    private readonly TimeProvider _clock = options.TimeProvider;
    private readonly Acceptance.RequestBodyCheck _submit = Acceptance.AcceptanceEngine.Shared.Gateway.Body(GatewayAttributesOperations.SubmitJobAttributes.Method, GatewayAttributesOperations.SubmitJobAttributes.PathTemplate);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(EmulatorRoutes.GatewayPrefix);
        // The submission checks its key itself: it also takes the legacy form field.
        EmulatorRoutes.Map(group, GatewayAttributesOperations.SubmitJobAttributes, PostAttributesAsync);
        EmulatorRoutes.Map(group, GatewayAttributesOperations.GetLastJobs, Guard(context => WriteJobsAsync(context, "ORDER BY received_at DESC, id DESC LIMIT " + EmulatorStore.Invariant(LastJobsCount))));
        EmulatorRoutes.Map(group, GatewayAttributesOperations.GetJobsByProjectAndDates, Guard(GetByProjectAsync));
        EmulatorRoutes.Map(group, GatewayAttributesOperations.GetJobsByResourceUserAndDates, Guard(GetByResourceUserAsync));
    }

    /// <summary>The <c>Job submitted</c> form of a submission time: <c>2019-05-31 14:32:00-0700</c>.</summary>
    internal static string FormatSubmitted(DateTimeOffset time)
    {
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    private RequestDelegate Guard(RequestDelegate handler) => context =>
        EmulatorResponses.KeyMatches(context.Request.Headers[KeyHeader].ToString(), _apiKey) ? handler(context)
            : EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, new GatewayJobsResponse { Message = $"Invalid or missing {KeyHeader}.", Result = [] });

    private async Task PostAttributesAsync(HttpContext context)
    {
        var body = await EmulatorResponses.ReadBodyAsync(context, _maxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await EmulatorResponses.WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large.\n").ConfigureAwait(false);
            return;
        }

        var form = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
        string? Field(string name) => form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

        var headerKey = context.Request.Headers[KeyHeader].ToString();
        if (!EmulatorResponses.KeyMatches(headerKey.Length > 0 ? headerKey : Field(GatewayAttributesOperations.SecuritySchemes.LegacyApiKeyField), _apiKey))
        {
            await EmulatorResponses.WriteTextAsync(context, StatusCodes.Status401Unauthorized, "Invalid or missing API key.\n").ConfigureAwait(false);
            return;
        }

        var attributes = new JobAttributes
        {
            GatewayUser = Field(Form.GatewayUser)!,
            XsedeResourceName = Field(Form.XsedeResourceName)!,
            JobId = Field(Form.JobId)!,
            SubmitTime = Field(Form.SubmitTime)!,
            Software = Field(Form.Software),
            Debug = Field(Form.Debug),
        };
        foreach (var (name, values) in form)
        {
            if (!GatewayAttributesOperations.SubmitJobAttributes.FormFields.Contains(name, StringComparer.Ordinal)
                && name != GatewayAttributesOperations.SecuritySchemes.LegacyApiKeyField)
            {
                attributes.AdditionalProperties[name] = JsonSerializer.SerializeToElement(values.ToString());
            }
        }

        if (!string.IsNullOrWhiteSpace(attributes.XsedeResourceName) && !_resourceNames.Contains(attributes.XsedeResourceName.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var suggestions = new StringBuilder()
                .Append("Unknown resource name '").Append(attributes.XsedeResourceName).Append("'. Did you mean one of these?\n");
            foreach (var name in _resourceNames)
            {
                suggestions.Append(name).Append('\n');
            }

            await EmulatorResponses.WriteTextAsync(context, StatusCodes.Status200OK, suggestions.Append('\n').ToString()).ConfigureAwait(false);
            return;
        }

        // The emulator's own reading of the spec (Acceptance/), not the client's Validate(): the form fields as a JSON object of strings.
        var fields = JsonSerializer.SerializeToElement(form.ToDictionary(field => field.Key, field => field.Value.Count > 0 ? field.Value[0] : string.Empty, StringComparer.Ordinal));
        var verdict = _submit.Check(fields);
        var submitted = default(DateTimeOffset);
        var submitTime = verdict.Body.TryGetProperty(Form.SubmitTime, out var time) && time.ValueKind == JsonValueKind.String ? time.GetString() : null;
        if (!verdict.Accepted || !Acceptance.GatewaySubmitTime.TryParse(submitTime, out submitted))
        {
            var problems = verdict.Accepted ? [$"{Form.SubmitTime}: not a time the emulator can read (yyyy-MM-dd HH:mm[:ss[.fff]] [zone])"] : verdict.Violations.Select(violation => violation.ToString());
            await EmulatorResponses.WriteTextAsync(context, StatusCodes.Status400BadRequest, "Invalid job attributes:\n" + string.Concat(problems.Select(problem => "  " + problem + "\n"))).ConfigureAwait(false);
            return;
        }

        EmulatorResponses.AddFormsRead(context, verdict);
        var resource = _resourceNames.First(name => string.Equals(name, attributes.XsedeResourceName.Trim(), StringComparison.OrdinalIgnoreCase));
        var reply = new StringBuilder()
            .Append("Job attributes:\n")
            .Append("  Job: ").Append(attributes.JobId).Append('\n')
            .Append("  Job submitted: ").Append(FormatSubmitted(submitted)).Append('\n')
            .Append("  Resource Name: ").Append(resource).Append('\n')
            .Append("  Gateway Name: ").Append(_gatewayName).Append('\n')
            .Append("  Gateway User: ").Append(attributes.GatewayUser).Append('\n');
        if (attributes.Debug is not null)
        {
            await EmulatorResponses.WriteTextAsync(context, StatusCodes.Status200OK, reply.Append('\n').Append("Debug specified. Attributes not staged\n").ToString()).ConfigureAwait(false);
            return;
        }

        var now = EmulatorStore.ToUnixMs(_clock.GetUtcNow());
        store.Run(connection =>
        {
            using var upsert = EmulatorStore.Command(connection,
                """
                INSERT INTO gateway_jobs (resource, job_id, gateway_user, submit_time, submit_utc, software, received_at) VALUES ($r, $j, $u, $s, $su, $sw, $now)
                ON CONFLICT (resource, job_id) DO UPDATE SET gateway_user = excluded.gateway_user, submit_time = excluded.submit_time,
                    submit_utc = excluded.submit_utc, software = excluded.software, received_at = excluded.received_at
                """,
                ("$r", resource), ("$j", attributes.JobId), ("$u", attributes.GatewayUser), ("$s", submitted.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
                ("$su", EmulatorStore.ToUnixMs(submitted)), ("$sw", attributes.Software), ("$now", now));
            return upsert.ExecuteNonQuery();
        });
        await EmulatorResponses.WriteTextAsync(context, StatusCodes.Status200OK, reply.ToString()).ConfigureAwait(false);
    }

    private Task GetByProjectAsync(HttpContext context)
    {
        var grant = EmulatorRoutes.RouteValue(context, GatewayAttributesOperations.Names.GetJobsByProjectAndDates.GrantNumber);
        if (!TryReadDays(context, out var from, out var to))
        {
            return BadDatesAsync(context);
        }

        // Every job of this gateway is charged to its one grant.
        return string.Equals(grant, _grantNumber, StringComparison.OrdinalIgnoreCase)
            ? WriteJobsAsync(context, "WHERE submit_utc >= $from AND submit_utc < $to ORDER BY submit_utc, id", ("$from", from), ("$to", to))
            : EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, new GatewayJobsResponse { Message = "No jobs found.", Result = [] });
    }

    private Task GetByResourceUserAsync(HttpContext context)
    {
        var resource = EmulatorRoutes.RouteValue(context, GatewayAttributesOperations.Names.GetJobsByResourceUserAndDates.Resource);
        var user = EmulatorRoutes.RouteValue(context, GatewayAttributesOperations.Names.GetJobsByResourceUserAndDates.Username);
        return TryReadDays(context, out var from, out var to)
            ? WriteJobsAsync(context, "WHERE resource = $r COLLATE NOCASE AND gateway_user = $u AND submit_utc >= $from AND submit_utc < $to ORDER BY submit_utc, id",
                ("$r", resource), ("$u", user), ("$from", from), ("$to", to))
            : BadDatesAsync(context);
    }

    private static Task BadDatesAsync(HttpContext context) =>
        EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status400BadRequest, new GatewayJobsResponse { Message = "Dates must be YYYY-MM-DD.", Result = [] });

    private static bool TryReadDays(HttpContext context, out long from, out long to)
    {
        from = to = 0;
        // Both date queries name their dates alike in the spec (shared parameters).
        if (!DateOnly.TryParseExact(EmulatorRoutes.RouteValue(context, GatewayAttributesOperations.Names.GetJobsByProjectAndDates.StartDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(EmulatorRoutes.RouteValue(context, GatewayAttributesOperations.Names.GetJobsByProjectAndDates.EndDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return false;
        }

        from = EmulatorStore.ToUnixMs(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        to = EmulatorStore.ToUnixMs(new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return true;
    }

    private Task WriteJobsAsync(HttpContext context, string clause, params (string, object?)[] parameters)
    {
        var jobs = store.Run(connection => ReadJobs(connection, clause, parameters));
        var message = jobs.Count == 0 ? "No jobs found." : $"Found {jobs.Count.ToString(CultureInfo.InvariantCulture)} jobs.";
        return EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, new GatewayJobsResponse { Message = message, Result = jobs });
    }

    private List<GatewayJob> ReadJobs(SqliteConnection connection, string clause, (string, object?)[] parameters)
    {
        var jobs = new List<GatewayJob>();
        using var command = EmulatorStore.Command(connection, "SELECT resource, job_id, gateway_user, submit_time, software FROM gateway_jobs " + clause, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var job = new GatewayJob
            {
                ResourceName = reader.GetString(0),
                LocalJobId = reader.GetString(1),
                SubmitTime = reader.GetString(3),
                ChargeNumber = _grantNumber,
            };

            // Not in the documented row; the emulator adds what it was told, for checking.
            job.AdditionalProperties[GatewayReadBackExtras.GatewayUser] = JsonSerializer.SerializeToElement(reader.GetString(2));
            if (!reader.IsDBNull(4))
            {
                job.AdditionalProperties[GatewayReadBackExtras.Software] = JsonSerializer.SerializeToElement(reader.GetString(4));
            }

            jobs.Add(job);
        }

        return jobs;
    }
}
