using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator;

/// <summary>
/// PERSEUS UsageReporting: <c>POST /service/UsageReporting/{project_oid}</c> stores one
/// <see cref="UsageReport"/>, overwriting the stored report with the same eight-field upsert key
/// (the generated <see cref="UsageReport.UpsertKey"/>); <c>GET</c> on the same path lists the
/// project's stored reports. Both need <c>Perseus-Token</c>.
/// </summary>
/// <remarks>
/// Choices where the real service is not documented: a missing or wrong token is answered
/// <c>401</c>, an unreadable or invalid report (or one whose <c>project_oid</c> is not the path's)
/// <c>422</c>, both with <c>{"detail": ...}</c> as FastAPI writes it (for violations, a list of
/// <c>{"loc", "msg", "type"}</c>); a new report is answered <c>201</c>, an overwrite <c>200</c>.
/// </remarks>
internal sealed class PerseusService(EmulatorStore store, EmulatorOptions options)
{
    // The members of the spec's ErrorBody the answers use. The violations inside "detail" are FastAPI's own
    // {"loc", "msg", "type"} (what a FastAPI service writes, not stated by the spec).
    private static readonly string DetailMember = Acceptance.WireName.Of<ErrorBody>(nameof(ErrorBody.Detail));
    private static readonly string MessageMember = Acceptance.WireName.Of<ErrorBody>(nameof(ErrorBody.Message));
    private readonly string _token = options.PerseusToken;
    private readonly long _maxBodyBytes = options.MaxRequestBodyBytes;
    private readonly TimeProvider _clock = options.TimeProvider;
    private readonly Acceptance.RequestBodyCheck _reportUsage = Acceptance.AcceptanceEngine.Shared.Perseus.Body(PerseusOperations.ReportUsage.Method, PerseusOperations.ReportUsage.PathTemplate);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(EmulatorRoutes.PerseusPrefix);
        EmulatorRoutes.Map(group, PerseusOperations.ReportUsage, Guard(PostReportAsync));

        // Not in the spec: the emulator's own read-back, on the same path.
        group.MapGet(PerseusOperations.ReportUsage.PathTemplate, Guard(GetReportsAsync));
    }

    private RequestDelegate Guard(RequestDelegate handler) => context =>
        EmulatorResponses.KeyMatches(context.Request.Headers[PerseusOperations.SecuritySchemes.PerseusToken].ToString(), _token) ? handler(context)
            : Detail(context, StatusCodes.Status401Unauthorized, $"Invalid or missing {PerseusOperations.SecuritySchemes.PerseusToken}.");

    private static Task Detail(HttpContext context, int statusCode, object detail) =>
        EmulatorResponses.WriteJsonAsync(context, statusCode, new Dictionary<string, object> { [DetailMember] = detail });

    private async Task PostReportAsync(HttpContext context)
    {
        var projectOid = EmulatorRoutes.RouteValue(context, PerseusOperations.Names.ReportUsage.ProjectOid);
        var body = await EmulatorResponses.ReadBodyAsync(context, _maxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await Detail(context, StatusCodes.Status413PayloadTooLarge, "Request body too large.").ConfigureAwait(false);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            await Detail(context, StatusCodes.Status422UnprocessableEntity, "The body is not a usage report: " + exception.Message).ConfigureAwait(false);
            return;
        }

        using var parsed = document;

        // The emulator's own reading of the spec (Acceptance/), not the client's Validate(), on the one parsed body.
        var verdict = _reportUsage.Check(document.RootElement);
        if (!verdict.Accepted)
        {
            var detail = verdict.Violations.Select(violation => new Dictionary<string, object>
            {
                ["loc"] = new[] { "body", violation.Path },
                ["msg"] = violation.Message,
                ["type"] = "value_error",
            }).ToList();
            await Detail(context, StatusCodes.Status422UnprocessableEntity, detail).ConfigureAwait(false);
            return;
        }

        UsageReport? report;
        try
        {
            report = verdict.Body.Deserialize<UsageReport>(UsageJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            await Detail(context, StatusCodes.Status422UnprocessableEntity, "The body is not a usage report: " + exception.Message).ConfigureAwait(false);
            return;
        }

        if (report is null)
        {
            await Detail(context, StatusCodes.Status422UnprocessableEntity, "The body is not a usage report: null.").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(report.ProjectOid, projectOid, StringComparison.OrdinalIgnoreCase))
        {
            await Detail(context, StatusCodes.Status422UnprocessableEntity, $"{IPerseusUsageRecord.WireNames.ProjectOid} '{report.ProjectOid}' in the body is not the path's '{projectOid}'.").ConfigureAwait(false);
            return;
        }

        var now = EmulatorStore.ToUnixMs(_clock.GetUtcNow());
        var json = JsonSerializer.Serialize(report, UsageJson.Options);
        var created = store.Run(connection =>
        {
            // The upsert key compares times as instants, so the match is made here rather than in SQL.
            var existing = ReadReports(connection, report.ProjectOid).FirstOrDefault(stored => stored.Report.UpsertKey.Equals(report.UpsertKey));
            using var write = existing.Report is null
                ? EmulatorStore.Command(connection, "INSERT INTO perseus_reports (project_oid, json, updated_at) VALUES ($p, $j, $now)", ("$p", report.ProjectOid), ("$j", json), ("$now", now))
                : EmulatorStore.Command(connection, "UPDATE perseus_reports SET json = $j, updated_at = $now WHERE id = $id", ("$id", existing.Id), ("$j", json), ("$now", now));
            write.ExecuteNonQuery();
            return existing.Report is null;
        });
        await EmulatorResponses.WriteJsonAsync(context, created ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            new Dictionary<string, string> { [MessageMember] = created ? "Usage report stored." : "Usage report updated." }).ConfigureAwait(false);
    }

    private async Task GetReportsAsync(HttpContext context)
    {
        var projectOid = EmulatorRoutes.RouteValue(context, PerseusOperations.Names.ReportUsage.ProjectOid);
        var reports = store.Run(connection => ReadReports(connection, projectOid)).Select(stored => stored.Report).ToList();
        await EmulatorResponses.WriteJsonAsync(context, StatusCodes.Status200OK, reports).ConfigureAwait(false);
    }

    private static List<(long Id, UsageReport Report)> ReadReports(SqliteConnection connection, string projectOid)
    {
        var reports = new List<(long, UsageReport)>();
        using var command = EmulatorStore.Command(connection, "SELECT id, json FROM perseus_reports WHERE project_oid = $p COLLATE NOCASE ORDER BY id", ("$p", projectOid));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            reports.Add((reader.GetInt64(0), JsonSerializer.Deserialize<UsageReport>(reader.GetString(1), UsageJson.Options)!));
        }

        return reports;
    }
}
