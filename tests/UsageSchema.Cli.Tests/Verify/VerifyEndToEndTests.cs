using System.Globalization;
using UsageSchema.Cli.Tests.EndToEnd;

namespace UsageSchema.Cli.Tests.Verify;

/// <summary>
/// <c>verify amie|gateway|perseus</c> end to end: real <c>usage-schema</c> processes send a window of records (one day
/// left out, as when a cron job did not run) to a real emulator process through a SQLite outbox; the emulator's store
/// file is then edited directly (records dropped, a charge or attribute altered, records marked failed, a record added
/// that the outbox never sent). <c>verify</c> must report each difference exactly once and nothing else; <c>--fix</c>
/// and <c>outbox flush</c> repair what may be repaired; the next <c>verify</c> reports only what cannot be: the foreign
/// record and the missing day always, and per API what a re-send does not change (AMIE: the altered charge, since a
/// re-sent LocalRecordID is a duplicate there, and the record the service failed).
/// </summary>
public sealed class VerifyEndToEndTests
{
    private const string DeliveredNotLoaded = "DeliveredNotLoaded";
    private const string ChargeDiffers = "ChargeDiffers";
    private const string FailedAtService = "FailedAtService";
    private const string UnknownToOutbox = "UnknownToOutbox";
    private const string DayWithoutRecords = "DayWithoutRecords";
    private const string AttributesDiffer = "AttributesDiffer";
    private static readonly string[] PerseusResources = ["noctua2-cpu", "noctua2-gpu"];

    [Fact]
    public Task Amie_finds_each_difference_once_fix_repairs_and_status_totals_stand_in_for_a_missing_loaded_route() => VerifyRuns.WithinOneUtcDayAsync(RunAmieAsync);

    private static async Task RunAmieAsync(IReadOnlyList<DateOnly> days, DateOnly missing)
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var outbox = Path.Combine(emulator.Folder, "outbox.db");
        const string R = RecordFiles.AmieResource;
        var number = 0;
        var lines = days.Where(day => day != missing).SelectMany(day => new[] { ++number, ++number }.Select(n => string.Create(CultureInfo.InvariantCulture,
            $$"""{"Username": "u{{n}}", "LocalProjectID": "p1", "LocalRecordID": "r{{n}}", "Resource": "{{R}}", "SubmitTime": "{{VerifyRuns.Day(day)}}T08:00:00Z", "StartTime": "{{VerifyRuns.Day(day)}}T08:05:00Z", "EndTime": "{{VerifyRuns.Day(day)}}T10:05:00Z", "Attributes": {"NodeCount": 1}, "Charge": "{{n}}.0"}""")));
        await VerifyRuns.SendAsync(emulator, "amie", emulator.Folder, outbox, lines);

        VerifyRuns.Edit(emulator, "DELETE FROM amie_records WHERE local_record_id = 'r1'");
        VerifyRuns.Edit(emulator, "UPDATE amie_records SET charge = charge + 5 WHERE local_record_id = 'r2'");
        const string Fail = """
            INSERT INTO amie_failed (usage_type, resource, error, queued_at, json)
                SELECT usage_type, resource, 'Unknown LocalProjectID', queued_at, json_set(json, '$.Error', 'Unknown LocalProjectID', '$.UsageType', 'Compute')
                FROM amie_records WHERE local_record_id = $id
            """;
        VerifyRuns.Edit(emulator, Fail + "; DELETE FROM amie_records WHERE local_record_id = 'r3'", ("$id", "r3")); // failed and not loaded
        VerifyRuns.Edit(emulator, Fail, ("$id", "r4")); // failed, yet loaded: stale, clearable
        VerifyRuns.Edit(emulator, "INSERT INTO amie_records (usage_type, resource, local_record_id, charge, queued_at, json) VALUES ('Compute', $r, 'foreign1', 3, $q, $j)",
            ("$r", R), ("$q", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), ("$j", $$"""{"LocalRecordID": "foreign1", "Resource": "{{R}}", "SubmitTime": "{{VerifyRuns.Day(days[0])}}T09:00:00Z", "Charge": "3"}"""));
        var url = emulator.Amie.AbsoluteUri;

        var first = await VerifyRuns.VerifyAsync(url, "amie", outbox);
        first.HasExactly((DeliveredNotLoaded, $"{R}/r1"), (ChargeDiffers, $"{R}/r2"), (FailedAtService, $"{R}/r3"), (FailedAtService, $"{R}/r4"), (UnknownToOutbox, $"{R}/foreign1"), (DayWithoutRecords, VerifyRuns.Day(missing)));
        Assert.Empty(first.Notes);

        var fix = await VerifyRuns.VerifyAsync(url, "amie", outbox, null, "--fix");
        Assert.Equal(first.Findings, fix.Findings);
        Assert.Equal((1, 1), fix.Fix); // r1 re-queued, r4's failed record cleared
        await VerifyRuns.FlushAsync(url, "amie", outbox);

        // Not repaired: the altered charge (a re-sent LocalRecordID is a duplicate to this service), the failed record, the foreign one, the day.
        var after = await VerifyRuns.VerifyAsync(url, "amie", outbox);
        after.HasExactly((ChargeDiffers, $"{R}/r2"), (FailedAtService, $"{R}/r3"), (UnknownToOutbox, $"{R}/foreign1"), (DayWithoutRecords, VerifyRuns.Day(missing)));

        // A service without /usage/loaded: the totals of /usage/status per resource. The store holds 10 loaded records
        // (r1 re-sent, the foreign one, not r3); the outbox delivered 10 of which the service failed r3: one more than sent.
        await using var proxy = new ScriptedProxy(emulator.BaseAddress, (method, path, _) => path.EndsWith("/usage/loaded", StringComparison.Ordinal) ? (404, """{"error": "Not Found"}""") : null);
        var totals = await VerifyRuns.VerifyAsync(proxy.UrlFor(emulator.Amie), "amie", outbox);
        totals.HasExactly((UnknownToOutbox, R), (FailedAtService, $"{R}/r3"), (DayWithoutRecords, VerifyRuns.Day(missing)));
        Assert.Contains("per-record check was not possible", Assert.Single(totals.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public Task Gateway_finds_each_difference_once_and_fix_re_sends() => VerifyRuns.WithinOneUtcDayAsync(RunGatewayAsync);

    private static async Task RunGatewayAsync(IReadOnlyList<DateOnly> days, DateOnly missing)
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var outbox = Path.Combine(emulator.Folder, "outbox.db");
        const string R = RecordFiles.GatewayResource;
        var number = 0;
        var lines = days.Where(day => day != missing).SelectMany(day => new[] { ++number, ++number }.Select(n => string.Create(CultureInfo.InvariantCulture,
            $$"""{"gatewayuser": "u{{n}}@example.edu", "xsederesourcename": "{{R}}", "jobid": "j{{n}}", "submittime": "{{VerifyRuns.Day(day)}} 08:15:00 +00:00"}""")));
        await VerifyRuns.SendAsync(emulator, "gateway", emulator.Folder, outbox, lines);

        VerifyRuns.Edit(emulator, "DELETE FROM gateway_jobs WHERE job_id = 'j1'");
        VerifyRuns.Edit(emulator, "UPDATE gateway_jobs SET gateway_user = 'mallory@example.edu' WHERE job_id = 'j2'");
        var foreignAt = new DateTimeOffset(days[0].ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        VerifyRuns.Edit(emulator, "INSERT INTO gateway_jobs (resource, job_id, gateway_user, submit_time, submit_utc, received_at) VALUES ($r, 'foreign1', 'eve@example.edu', $s, $su, $su)",
            ("$r", R), ("$s", foreignAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)), ("$su", foreignAt.ToUnixTimeMilliseconds()));
        var url = emulator.Gateway.AbsoluteUri;
        string[] grant = ["--grant", EmulatorProcess.GatewayGrant];

        var first = await VerifyRuns.VerifyAsync(url, "gateway", outbox, null, grant);
        first.HasExactly((DeliveredNotLoaded, $"{R}/j1"), (AttributesDiffer, $"{R}/j2"), (UnknownToOutbox, $"{R}/foreign1"), (DayWithoutRecords, VerifyRuns.Day(missing)));

        // Read by resource and user instead: only the users the outbox delivered for, so the foreign job is not seen, and
        // j2, now stored under another user, is not reported under its own: not held, as far as this read can tell.
        var byUser = await VerifyRuns.VerifyAsync(url, "gateway", outbox);
        byUser.HasExactly((DeliveredNotLoaded, $"{R}/j1"), (DeliveredNotLoaded, $"{R}/j2"), (DayWithoutRecords, VerifyRuns.Day(missing)));
        Assert.Contains("--grant", Assert.Single(byUser.Notes), StringComparison.Ordinal);

        var fix = await VerifyRuns.VerifyAsync(url, "gateway", outbox, null, [.. grant, "--fix"]);
        Assert.Equal((2, 0), fix.Fix);
        await VerifyRuns.FlushAsync(url, "gateway", outbox);
        var after = await VerifyRuns.VerifyAsync(url, "gateway", outbox, null, grant);
        after.HasExactly((UnknownToOutbox, $"{R}/foreign1"), (DayWithoutRecords, VerifyRuns.Day(missing)));

        // 3: the service refused the key; 64: a window that ends before it starts.
        var refused = await VerifyRuns.VerifyAsync(url, "gateway", outbox, new Dictionary<string, string>(EmulatorProcess.Secrets) { ["USAGE_SCHEMA_GATEWAY_API_KEY"] = "not-the-key" }, grant);
        Assert.True(refused.ExitCode == 3, refused.Text);
        var backwards = await VerifyRuns.VerifyAsync(url, "gateway", outbox, null, "--from", "2026-01-02", "--to", "2026-01-01");
        Assert.True(backwards.ExitCode == 64, backwards.Text);
    }

    [Fact]
    public Task Perseus_finds_each_difference_once_fix_re_sends_and_a_missing_listing_leaves_the_outbox_check() => VerifyRuns.WithinOneUtcDayAsync(RunPerseusAsync);

    private static async Task RunPerseusAsync(IReadOnlyList<DateOnly> days, DateOnly missing)
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var outbox = Path.Combine(emulator.Folder, "outbox.db");
        const string P = RecordFiles.PerseusProject;
        string Subject(DateOnly day, string resource) => $"{P}/hpc-prf-verify/{resource}/{VerifyRuns.Day(day)}T00:00:00Z/{VerifyRuns.Day(day.AddDays(1))}T00:00:00Z";
        var lines = days.Where(day => day != missing).SelectMany(day => PerseusResources.Select(resource => string.Create(CultureInfo.InvariantCulture,
            $$"""{"project_oid": "{{P}}", "compute_project_id": "hpc-prf-verify", "resource_id": "{{resource}}", "start": "{{VerifyRuns.Day(day)}}T00:00:00Z", "end": "{{VerifyRuns.Day(day.AddDays(1))}}T00:00:00Z", "value": {{day.Day}}.5}""")));
        await VerifyRuns.SendAsync(emulator, "perseus", emulator.Folder, outbox, lines);

        const string Where = " WHERE json_extract(json, '$.start') LIKE $day AND json_extract(json, '$.resource_id') = $resource";
        VerifyRuns.Edit(emulator, "DELETE FROM perseus_reports" + Where, ("$day", VerifyRuns.Day(days[0]) + "%"), ("$resource", "noctua2-cpu"));
        VerifyRuns.Edit(emulator, "UPDATE perseus_reports SET json = json_set(json, '$.value', 999.5)" + Where, ("$day", VerifyRuns.Day(days[1]) + "%"), ("$resource", "noctua2-gpu"));
        VerifyRuns.Edit(emulator, "INSERT INTO perseus_reports (project_oid, json, updated_at) VALUES ($p, $j, 0)", ("$p", P),
            ("$j", $$"""{"project_oid": "{{P}}", "compute_project_id": "hpc-prf-verify", "resource_id": "noctua2-fpga", "start": "{{VerifyRuns.Day(days[0])}}T00:00:00Z", "end": "{{VerifyRuns.Day(days[0].AddDays(1))}}T00:00:00Z", "value": 7}"""));
        var url = emulator.Perseus.AbsoluteUri;

        var first = await VerifyRuns.VerifyAsync(url, "perseus", outbox);
        first.HasExactly((DeliveredNotLoaded, Subject(days[0], "noctua2-cpu")), (ChargeDiffers, Subject(days[1], "noctua2-gpu")), (UnknownToOutbox, Subject(days[0], "noctua2-fpga")), (DayWithoutRecords, VerifyRuns.Day(missing)));

        var fix = await VerifyRuns.VerifyAsync(url, "perseus", outbox, null, "--fix");
        Assert.Equal((2, 0), fix.Fix);
        await VerifyRuns.FlushAsync(url, "perseus", outbox);
        var after = await VerifyRuns.VerifyAsync(url, "perseus", outbox);
        after.HasExactly((UnknownToOutbox, Subject(days[0], "noctua2-fpga")), (DayWithoutRecords, VerifyRuns.Day(missing)));

        // The same for a person: grouped by kind, each finding on its own line under its group.
        var (exitCode, text, error) = await CliProcess.RunAsync(EmulatorProcess.Secrets, "verify", "perseus", "--url", url, "--outbox", outbox, "--load-delay", "0:00:00");
        Assert.True(exitCode == 2, text + error);
        Assert.Contains($"UnknownToOutbox (1):\n  {Subject(days[0], "noctua2-fpga")}: held with value 7, never delivered by this outbox\n", text, StringComparison.Ordinal);
        Assert.Contains($"DayWithoutRecords (1):\n  {VerifyRuns.Day(missing)}: ", text, StringComparison.Ordinal);

        // 0: since yesterday (a whole day with reports; the foreign report is older) everything delivered is held.
        var recent = await VerifyRuns.VerifyAsync(url, "perseus", outbox, null, "--from", VerifyRuns.Day(days[^1]));
        recent.HasExactly();

        // An installation without the listing (the real service's is not documented): the outbox's days only, and a note.
        await using var proxy = new ScriptedProxy(emulator.BaseAddress, (method, path, _) => method == "GET" && path.Contains(UsageSchema.Perseus.PerseusOperations.ReportUsage.PathTemplate.Split('{')[0], StringComparison.Ordinal) ? (405, """{"detail": "Method Not Allowed"}""") : null);
        var unlisted = await VerifyRuns.VerifyAsync(proxy.UrlFor(emulator.Perseus), "perseus", outbox);
        unlisted.HasExactly((DayWithoutRecords, VerifyRuns.Day(missing)));
        Assert.Contains("no listing", Assert.Single(unlisted.Notes), StringComparison.Ordinal);
    }
}
