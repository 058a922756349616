using System.Globalization;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Outbox;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// Sends records straight to the service with the production clients, without an outbox, as they are
/// read: AMIE records as one stream that the sender packs and sends as it reads (<see cref="AmieDirectSend"/>),
/// PERSEUS reports in chunks of <see cref="ChunkSize"/> (collapsed by upsert key within a chunk), gateway
/// jobs one by one. Only the records not yet answered (and their locations) are in memory.
/// </summary>
/// <param name="connection">The clients.</param>
/// <param name="service">The service to send to.</param>
public sealed class DirectDelivery(ServiceConnection connection, UsageApi service) : IUsageDelivery
{
    /// <summary>PERSEUS reports handed to the client at a time.</summary>
    internal const int ChunkSize = 10_000;

    private ResponseLines? _responses;

    /// <inheritdoc />
    public async Task DeliverAsync(IAsyncEnumerable<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(report);
        _responses = new ResponseLines(report);
        if (service == UsageApi.Amie)
        {
            await new AmieDirectSend(report, _responses).RunAsync(connection.Amie(), records, cancellationToken).ConfigureAwait(false);
            _responses.Finish();
            return;
        }

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

        _responses.Finish();
    }

    /// <summary>Sends one chunk; true when the service stopped the run (nothing more is sent).</summary>
    private async Task<bool> SendAsync(List<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken)
    {
        if (service == UsageApi.Perseus)
        {
            await SendPerseusAsync(records, report, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SendGatewayAsync(records, report, cancellationToken).ConfigureAwait(false);
        }

        return report.ServiceError is not null;
    }

    private void Respond(string line) => _responses!.Add(line);

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
                Respond($"{location}: POST UsageReporting/{outcome.Report.ProjectOid}: {outcome.StatusCode?.ToString(CultureInfo.InvariantCulture)} {(outcome.StatusCode == 201 ? "created" : "updated (same upsert key)")}");
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
                        Respond($"{record.Location}: {reply}");
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
    internal static string Describe(UsageApi api, Exception failure, int recordsInRequest)
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

    internal static void AddRejections(DeliveryReport report, string location, IReadOnlyList<Violation> violations, string message)
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
