using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Cli.Sending;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// <c>usage-schema demo</c>: starts the emulator in memory and walks through all three APIs with the
/// production clients, valid and invalid records alike.
/// </summary>
internal static class DemoCommand
{
    private const string Resource = "expanse.sdsc.access-ci.org";
    private const string ProjectOid = "65e1f0c2a9b34d0012c4e7a1";
    private static readonly TimeSpan LoadDelay = TimeSpan.FromMilliseconds(200);

    public static Command Build()
    {
        var command = new Command("demo", "Start the emulator in memory and send sample records (valid and invalid) to all three APIs with the production clients.");
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(() => RunAsync(Console.Out, parse.GetValue(GlobalOptions.Json), cancellationToken)));
        return command;
    }

    public static async Task<int> RunAsync(TextWriter output, bool json, CancellationToken cancellationToken)
    {
        // With --json the walk-through goes to standard error and standard output gets the summary alone.
        var summary = new DemoSummary();
        var text = json ? Console.Error : output;
        await RunAsync(text, summary, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            CliJson.Write(output, summary);
        }

        return ExitCodes.Success;
    }

    private static async Task RunAsync(TextWriter output, DemoSummary summary, CancellationToken cancellationToken)
    {
        Heading(output, "Starting the emulator (in memory, on loopback)");
        await using var connection = await ServiceConnection.StartEmulatorAsync(new ConnectionSettings(null, null, null), TextWriter.Null, LoadDelay, cancellationToken).ConfigureAwait(false);
        var emulator = connection.Emulator!;
        output.WriteLine(Services.Listing(UsageApi.Amie, emulator.AmieBaseAddress.ToString()));
        output.WriteLine(Services.Listing(UsageApi.GatewayAttributes, emulator.GatewayBaseAddress.ToString()));
        output.WriteLine(Services.Listing(UsageApi.Perseus, emulator.PerseusBaseAddress.ToString()));
        output.WriteLine($"  AMIE records load {LoadDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms after they are queued.");

        await AmieAsync(output, connection.Amie(), summary, cancellationToken).ConfigureAwait(false);
        await GatewayAsync(output, connection, summary, cancellationToken).ConfigureAwait(false);
        await PerseusAsync(output, connection, summary, cancellationToken).ConfigureAwait(false);
        summary.Outbox = await DemoOutbox.RunAsync(output, connection, cancellationToken).ConfigureAwait(false);

        Heading(output, "Done");
        output.WriteLine("  The demo finished; the emulator is stopped and its in-memory data is gone.");
    }

    private static async Task AmieAsync(TextWriter output, AmieUsageSender sender, DemoSummary summary, CancellationToken cancellationToken)
    {
        Heading(output, "AMIE: sending 6 records (4 valid, 2 invalid)");
        var records = new List<IAmieUsageRecord?>
        {
            Compute("demo-1001", "jdoe", 1, "256.000000"),
            Compute("demo-1002", "asmith", 2, "512.000000"),
            new StorageUsageRecord
            {
                Username = "jdoe", LocalProjectId = "csd123", LocalRecordId = "demo-s-1", Resource = "expanse-storage.sdsc.access-ci.org",
                CollectionTime = "2024-03-01T23:59:59-08:00", Charge = "12.5", Attributes = new StorageAttributes { BytesStored = 1_099_511_627_776 },
            },
            new AdjustmentUsageRecord
            {
                AdjustmentType = AdjustmentType.Credit, Charge = "-100.0", StartTime = "2024-03-02T00:00:00-08:00",
                LocalProjectId = "csd123", LocalRecordId = "demo-adj-1", Resource = Resource, Username = "jdoe", Comment = "node failure refund",
            },
            Invalid(Compute("demo-1003", "jdoe", 0, "64.0"), record => record.SubmitTime = "2024-03-01 08:15"),
            Invalid(Compute("demo-1004", string.Empty, 1, "ten"), static _ => { }),
        };
        var result = await sender.SendAsync(records, cancellationToken).ConfigureAwait(false);
        ShowAmieResult(output, result);
        summary.AmieSent = records.Count;
        summary.AmieInvalid = result.LocalFailures.Count;
        summary.AmieAccepted = (int)result.RecordsAccepted - result.ServiceFailedRecords.Count;

        Heading(output, "AMIE: sending demo-1001 again (a duplicate LocalRecordID for the same resource)");
        ShowAmieResult(output, await sender.SendAsync(Compute("demo-1001", "jdoe", 1, "256.000000"), cancellationToken).ConfigureAwait(false));

        Heading(output, $"AMIE: status after the load delay ({AmieUsageOperations.GetUsageStatus})");
        await Task.Delay(LoadDelay * 2, cancellationToken).ConfigureAwait(false);
        foreach (var status in await sender.GetStatusAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            summary.AmieStatus.Add(new DemoSummary.ResourceStatus(status.Resource ?? "?", status.LoadedRecordCount, status.FailedJobCount));
            output.WriteLine($"  {status.Resource}: {status.LoadedRecordCount.ToString(CultureInfo.InvariantCulture)} loaded, {status.FailedJobCount.ToString(CultureInfo.InvariantCulture)} failed, total charge {status.TotalCharge.ToString(CultureInfo.InvariantCulture)}");
        }

        Heading(output, $"AMIE: failed records ({AmieUsageOperations.GetFailedRecords})");
        var failed = await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false);
        summary.AmieFailedAtService = failed.Count;
        foreach (var record in failed)
        {
            output.WriteLine($"  FailedRecordID {record.FailedRecordId}: {record.UsageType} LocalRecordID {record.LocalRecordId} ({record.Resource}): {record.Error}");
        }

        var cleared = await sender.ClearFailedRecordsAsync(failed, cancellationToken).ConfigureAwait(false);
        var left = await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"  Cleared {cleared.ClearedIds.Count.ToString(CultureInfo.InvariantCulture)} ({AmieUsageOperations.ClearFailedRecords.Method} {AmieUsageOperations.ClearFailedRecords.RelativePath(string.Join(",", cleared.ClearedIds))}); {left.Count.ToString(CultureInfo.InvariantCulture)} failed record(s) left.");
    }

    private static void ShowAmieResult(TextWriter output, AmieSendResult result)
    {
        foreach (var failure in result.LocalFailures)
        {
            output.WriteLine($"  not sent: record #{failure.Index.ToString(CultureInfo.InvariantCulture)} (LocalRecordID {failure.LocalRecordId}) is invalid:");
            ShowViolations(output, failure.Violations);
        }

        foreach (var request in result.Requests)
        {
            output.WriteLine($"  response: POST usage, {request.UsageType}, {request.RecordCount.ToString(CultureInfo.InvariantCulture)} record(s): {request.StatusCode?.ToString(CultureInfo.InvariantCulture)} \"{request.Response?.Message}\"");
            foreach (var failed in request.ServiceFailedRecords)
            {
                output.WriteLine($"    failed at the service: LocalRecordID {failed.LocalRecordId}: {failed.Error}");
            }
        }

        output.WriteLine($"  summary: {result}");
    }

    private static async Task GatewayAsync(TextWriter output, ServiceConnection connection, DemoSummary summary, CancellationToken cancellationToken)
    {
        var client = connection.Gateway();
        Heading(output, "Gateway attributes: the valid resource names");
        var names = await client.GetValidResourceNamesAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine("  " + string.Join(", ", names));

        Heading(output, $"Gateway attributes: submitting a job ({GatewayAttributesOperations.SubmitJobAttributes})");
        var job = new JobAttributes
        {
            GatewayUser = "jane.doe@example.edu", XsedeResourceName = "expanse.sdsc.xsede.org", JobId = "4937919",
            SubmitTime = "2024-03-01 08:15:00 -08:00", Software = "GROMACS 2023.3",
        };
        var staged = await client.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
        ShowReply(output, staged);
        summary.GatewayReplies.Add(staged.Kind.ToString());

        Heading(output, "Gateway attributes: a dry run (debug)");
        ShowReply(output, await client.DryRunAsync(job, cancellationToken).ConfigureAwait(false));

        Heading(output, "Gateway attributes: an unknown resource name");
        var unknown = new JobAttributes { GatewayUser = job.GatewayUser, XsedeResourceName = "expanse.sdsc.access-ci.org", JobId = "4937920", SubmitTime = job.SubmitTime };
        var refused = await client.SubmitAsync(unknown, cancellationToken).ConfigureAwait(false);
        ShowReply(output, refused);
        summary.GatewayReplies.Add(refused.Kind.ToString());

        Heading(output, "Gateway attributes: invalid attributes (caught before sending)");
        var invalid = new JobAttributes { GatewayUser = job.GatewayUser, XsedeResourceName = job.XsedeResourceName, JobId = "4937921", SubmitTime = job.SubmitTime };
        invalid.SubmitTime = "yesterday";
        try
        {
            await client.SubmitAsync(invalid, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageValidationException exception)
        {
            output.WriteLine("  not sent:");
            ShowViolations(output, exception.Violations);
        }

        var jobs = await client.GetLastJobsAsync(cancellationToken).ConfigureAwait(false);
        summary.GatewayJobsStored = jobs.Result?.Count ?? 0;
        output.WriteLine($"  The gateway now holds {summary.GatewayJobsStored.ToString(CultureInfo.InvariantCulture)} job(s) ({GatewayAttributesOperations.GetLastJobs}).");
    }

    private static void ShowReply(TextWriter output, JobAttributesReply reply)
    {
        output.WriteLine($"  reply: {reply.Kind}");
        if (reply.RefusesRecord)
        {
            output.WriteLine("  Did you mean one of these?");
            foreach (var name in reply.SuggestedResourceNames)
            {
                output.WriteLine("    " + name);
            }

            return;
        }

        foreach (var (name, value) in reply.Attributes)
        {
            output.WriteLine($"    {name}: {value}");
        }
    }

    private static async Task PerseusAsync(TextWriter output, ServiceConnection connection, DemoSummary summary, CancellationToken cancellationToken)
    {
        var client = connection.Perseus();
        Heading(output, "PERSEUS: reporting usage, then the same upsert key again");
        var first = Report(100);
        var again = Report(150);
        foreach (var report in new[] { first, again })
        {
            var outcome = await client.ReportAsync(report, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"  response: {PerseusOperations.ReportUsage.Method} {PerseusOperations.ReportUsage.RelativePath(ProjectOid)} (value {report.Value.ToString(CultureInfo.InvariantCulture)}): {outcome.StatusCode?.ToString(CultureInfo.InvariantCulture)} {(outcome.StatusCode == 201 ? "created" : "updated")}");
        }

        var stored = await ListAsync(connection, cancellationToken).ConfigureAwait(false);
        summary.PerseusStoredValues.AddRange(stored);
        output.WriteLine($"  stored for {ProjectOid}: {stored.Count.ToString(CultureInfo.InvariantCulture)} report(s), value(s) {string.Join(", ", stored)} (same key → one stored, last wins)");

        Heading(output, "PERSEUS: an invalid report (caught before sending)");
        var invalid = Report(-5);
        invalid.End = "2024-02-01T00:00:00+01:00";
        var batch = await client.ReportAsync([invalid], cancellationToken).ConfigureAwait(false);
        foreach (var failure in batch.LocalFailures)
        {
            output.WriteLine($"  not sent: report #{failure.Index.ToString(CultureInfo.InvariantCulture)}:");
            ShowViolations(output, failure.Violations);
        }
    }

    private static async Task<List<string>> ListAsync(ServiceConnection connection, CancellationToken cancellationToken)
    {
        // The installation's listing is a GET on the report path (not an operation of the spec).
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Emulator!.PerseusBaseAddress, PerseusOperations.ReportUsage.RelativePath(ProjectOid)));
        request.Headers.Add(PerseusOperations.SecuritySchemes.PerseusToken, connection.Emulator.Options.PerseusToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var array = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.EnumerateObject().Select(property => property.Value).FirstOrDefault(value => value.ValueKind == JsonValueKind.Array);
        return array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(item => item.TryGetProperty(UsageReport.WireNames.Value, out var value) ? value.GetRawText() : "?")]
            : [];
    }

    private static UsageReport Report(double value) => new()
    {
        ProjectOid = ProjectOid, ComputeProjectId = "hpc-prf-demo", ResourceId = "noctua2-cpu",
        Start = "2024-03-01T00:00:00+01:00", End = "2024-03-02T00:00:00+01:00", Value = value, User = "jdoe",
    };

    private static ComputeUsageRecord Compute(string id, string user, int nodes, string charge) => new()
    {
        Username = user, LocalProjectId = "csd123", LocalRecordId = id, Resource = Resource,
        SubmitTime = "2024-03-01T08:15:00-08:00", StartTime = "2024-03-01T08:20:12-08:00", EndTime = "2024-03-01T10:20:12-08:00",
        Charge = charge, Attributes = new ComputeAttributes { NodeCount = nodes, CpuCoreCount = 128, Queue = "compute" },
    };

    private static ComputeUsageRecord Invalid(ComputeUsageRecord record, Action<ComputeUsageRecord> change)
    {
        change(record);
        return record;
    }

    private static void ShowViolations(TextWriter output, IReadOnlyList<Violation> violations)
    {
        foreach (var violation in violations)
        {
            output.WriteLine($"    {violation.Path}: {violation.Message}");
        }
    }

    internal static void Heading(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine($"== {title} ==");
    }
}
