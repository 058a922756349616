using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Outbox;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// Sends records straight to the service with the production clients, without an outbox, as they are
/// read: AMIE and PERSEUS records in chunks of <see cref="ChunkSize"/> (each packed into requests of
/// the API's size by the client, and sent while the next chunk is read), gateway jobs one by one.
/// Only the current chunk's records (and their locations) are in memory.
/// </summary>
/// <param name="connection">The clients.</param>
/// <param name="service">The service to send to.</param>
public sealed class DirectDelivery(ServiceConnection connection, UsageApi service) : IUsageDelivery
{
    /// <summary>Records handed to the client at a time.</summary>
    internal const int ChunkSize = 10_000;

    /// <summary>How many lines of service answers are kept for the report; the rest are counted.</summary>
    internal const int MaxResponsesKept = 100;

    private int _responsesOmitted;

    /// <inheritdoc />
    public async Task DeliverAsync(IAsyncEnumerable<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(report);
        var chunk = new List<InputRecord>(service == UsageApi.GatewayAttributes ? 1 : ChunkSize);
        var stopped = false;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            report.Records++;
            if (stopped)
            {
                // The service stopped the run: the rest is read (so its problems are counted) but not sent.
                continue;
            }

            chunk.Add(record);
            if (chunk.Count == chunk.Capacity)
            {
                stopped = await SendAsync(chunk, report, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0 && !stopped)
        {
            await SendAsync(chunk, report, cancellationToken).ConfigureAwait(false);
        }

        if (_responsesOmitted > 0)
        {
            report.Responses.Add($"... and {_responsesOmitted.ToString(CultureInfo.InvariantCulture)} more answer(s) not listed");
        }
    }

    /// <summary>Sends one chunk; true when the service stopped the run (nothing more is sent).</summary>
    private async Task<bool> SendAsync(List<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        switch (service)
        {
            case UsageApi.Amie:
                await SendAmieAsync(records, report, cancellationToken).ConfigureAwait(false);
                break;
            case UsageApi.Perseus:
                await SendPerseusAsync(records, report, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await SendGatewayAsync(records, report, cancellationToken).ConfigureAwait(false);
                break;
        }

        return report.ServiceError is not null;
    }

    private void Respond(DeliveryReport report, string line)
    {
        if (report.Responses.Count < MaxResponsesKept)
        {
            report.Responses.Add(line);
        }
        else
        {
            _responsesOmitted++;
        }
    }

    private async Task SendAmieAsync(List<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        var result = await connection.Amie().SendAsync(records.Select(record => record.Record as IAmieUsageRecord), cancellationToken).ConfigureAwait(false);
        foreach (var failure in result.LocalFailures)
        {
            var location = failure.Index < records.Count ? records[(int)failure.Index].Location : "#" + failure.Index.ToString(CultureInfo.InvariantCulture);
            AddRejections(report, location, failure.Violations, failure.Message);
        }

        foreach (var request in result.Requests)
        {
            Respond(report, request.Succeeded
                ? $"POST usage ({request.UsageType}, {request.RecordCount.ToString(CultureInfo.InvariantCulture)} records): {request.StatusCode?.ToString(CultureInfo.InvariantCulture)} {request.Response?.Message}"
                : $"POST usage ({request.UsageType}, {request.RecordCount.ToString(CultureInfo.InvariantCulture)} records): failed: {request.Error!.Message}");
            if (request.Error is { } error)
            {
                // The same table as the outbox: only a verdict on the record itself rejects it.
                if (DeliveryOutcomes.RuleOf(DeliveryOutcomes.Classify(UsageApi.Amie, error, request.RecordCount)).Rejects)
                {
                    report.Reject(new DeliveryRejection(Location(records, (int)request.FirstRecordIndex), null, $"refused by AMIE ({error.StatusCode?.ToString(CultureInfo.InvariantCulture)}): {error.ServiceMessage ?? error.Message}"));
                }
                else
                {
                    report.ServiceError ??= Describe(UsageApi.Amie, error, request.RecordCount);
                }
            }
        }

        foreach (var failed in result.ServiceFailedRecords)
        {
            report.Reject(new DeliveryRejection($"{IAmieUsageRecord.WireNames.LocalRecordId} {failed.LocalRecordId} ({failed.Resource})", null, $"refused by AMIE: {failed.Error}"));
        }

        report.Accepted += (int)result.RecordsAccepted - result.ServiceFailedRecords.Count;
        if (result.StoppedBy is { } stoppedBy)
        {
            report.ServiceError = Describe(UsageApi.Amie, stoppedBy, 2);
        }
    }

    private async Task SendPerseusAsync(List<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        var reports = records.Select(record => record.Record as UsageReport).ToList();
        var result = await connection.Perseus().ReportAsync(reports, cancellationToken).ConfigureAwait(false);
        foreach (var failure in result.LocalFailures)
        {
            AddRejections(report, Location(records, failure.Index), failure.Violations, failure.Message);
        }

        foreach (var outcome in result.Reports)
        {
            var location = Location(records, outcome.Index);
            if (outcome.Succeeded)
            {
                report.Accepted++;
                Respond(report, $"{location}: POST UsageReporting/{outcome.Report.ProjectOid}: {outcome.StatusCode?.ToString(CultureInfo.InvariantCulture)} {(outcome.StatusCode == 201 ? "created" : "updated (same upsert key)")}");
            }
            else if (outcome.Error is { } error && DeliveryOutcomes.RuleOf(DeliveryOutcomes.Classify(UsageApi.Perseus, error)).Rejects)
            {
                report.Reject(new DeliveryRejection(location, null, $"refused by PERSEUS ({error.StatusCode?.ToString(CultureInfo.InvariantCulture)}): {error.ServiceMessage ?? error.Message}"));
            }
            else if (outcome.Error is { } failure)
            {
                report.ServiceError ??= Describe(UsageApi.Perseus, failure, 1);
            }
        }

        if (result.CollapsedCount > 0)
        {
            report.Responses.Add($"{result.CollapsedCount.ToString(CultureInfo.InvariantCulture)} report(s) had the upsert key of a later one in the same file and were not sent (last wins)");
            report.Accepted += result.CollapsedCount;
        }

        if (result.StoppedBy is { } stoppedBy)
        {
            report.ServiceError ??= Describe(UsageApi.Perseus, stoppedBy, 1);
        }
    }

    private async Task SendGatewayAsync(List<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        var client = connection.Gateway();
        foreach (var record in records)
        {
            if (record.Record is not JobAttributes attributes)
            {
                report.Reject(new DeliveryRejection(record.Location, null, $"a {record.Record.RecordKind} record cannot be sent to the {Services.Describe(UsageApi.GatewayAttributes)}"));
                continue;
            }

            try
            {
                var reply = await client.SubmitAsync(attributes, cancellationToken).ConfigureAwait(false);
                switch (DeliveryOutcomes.Classify(reply))
                {
                    case AnswerClass.Accepted:
                        report.Accepted++;
                        Respond(report, $"{record.Location}: {reply}");
                        break;
                    case AnswerClass.RecordVerdict:
                        report.Reject(new DeliveryRejection(record.Location, IGatewayAttributesUsageRecord.WireNames.XsedeResourceName,
                            $"unknown resource \"{attributes.XsedeResourceName}\"; did you mean one of: {string.Join(", ", reply.SuggestedResourceNames)}"));
                        break;
                    default:
                        // Not "Job attributes:": nothing says the job was staged, so it is not counted as accepted.
                        report.ServiceError = $"{record.Location}: the gateway API did not stage the job (reply: {reply.Kind}); not delivered. {DeliveryOutcomes.RuleOf(AnswerClass.Unexpected).Meaning}.";
                        return;
                }
            }
            catch (Exception exception) when (DeliveryOutcomes.IsSendFailure(exception))
            {
                var answer = DeliveryOutcomes.Classify(UsageApi.GatewayAttributes, exception);
                if (DeliveryOutcomes.RuleOf(answer).Rejects)
                {
                    if (exception is UsageValidationException invalid)
                    {
                        AddRejections(report, record.Location, invalid.Violations, invalid.Message);
                    }
                    else
                    {
                        report.Reject(new DeliveryRejection(record.Location, null, "refused by the gateway API: " + exception.Message));
                    }
                }
                else
                {
                    report.ServiceError = Describe(UsageApi.GatewayAttributes, exception, 1);
                    break;
                }
            }
        }
    }

    /// <summary>A service failure for the report: what it was and, for refused credentials, that it is about authentication.</summary>
    private static string Describe(UsageApi api, Exception failure, int recordsInRequest)
    {
        var answer = DeliveryOutcomes.Classify(api, failure, recordsInRequest);
        return answer switch
        {
            AnswerClass.Authentication => "authentication failed: " + failure.Message,
            AnswerClass.RequestVerdict => $"{failure.Message} (a record of this request is bad, the service did not say which; none of its {recordsInRequest.ToString(CultureInfo.InvariantCulture)} records was accepted: send without --direct, through the outbox, which splits the request until the bad record stands alone)",
            _ => $"{failure.Message} ({DeliveryOutcomes.RuleOf(answer).Meaning})",
        };
    }

    private static string Location(List<InputRecord> records, int index) =>
        index >= 0 && index < records.Count ? records[index].Location : "#" + index.ToString(CultureInfo.InvariantCulture);

    private static void AddRejections(DeliveryReport report, string location, IReadOnlyList<Violation> violations, string message)
    {
        if (violations.Count == 0)
        {
            report.Reject(new DeliveryRejection(location, null, message));
            return;
        }

        foreach (var violation in violations)
        {
            report.Reject(new DeliveryRejection(location, violation.Path, violation.Message));
        }
    }
}
