using System.Globalization;
using UsageSchema.Cli.Input;
using UsageSchema.GatewayAttributes;
using UsageSchema.Outbox;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Cli.Sending;

/// <summary>Sends records straight to the service with the production clients, without an outbox.</summary>
/// <param name="connection">The clients.</param>
/// <param name="service">The service to send to.</param>
public sealed class DirectDelivery(ServiceConnection connection, ServiceKind service) : IUsageDelivery
{
    /// <inheritdoc />
    public Task<DeliveryReport> DeliverAsync(IReadOnlyList<InputRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return service switch
        {
            ServiceKind.Amie => SendAmieAsync(records, cancellationToken),
            ServiceKind.Perseus => SendPerseusAsync(records, cancellationToken),
            _ => SendGatewayAsync(records, cancellationToken),
        };
    }

    private async Task<DeliveryReport> SendAmieAsync(IReadOnlyList<InputRecord> records, CancellationToken cancellationToken)
    {
        var report = new DeliveryReport { Service = ServiceKind.Amie, Records = records.Count };
        var result = await connection.Amie().SendAsync(records.Select(record => record.Record), cancellationToken).ConfigureAwait(false);
        foreach (var failure in result.LocalFailures)
        {
            var location = failure.Index < records.Count ? records[(int)failure.Index].Location : "#" + failure.Index.ToString(CultureInfo.InvariantCulture);
            AddRejections(report, location, failure.Violations, failure.Message);
        }

        foreach (var request in result.Requests)
        {
            report.Responses.Add(request.Succeeded
                ? $"POST usage ({request.UsageType}, {request.RecordCount.ToString(CultureInfo.InvariantCulture)} records): {request.StatusCode?.ToString(CultureInfo.InvariantCulture)} {request.Response?.Message}"
                : $"POST usage ({request.UsageType}, {request.RecordCount.ToString(CultureInfo.InvariantCulture)} records): failed: {request.Error!.Message}");
            if (request.Error is { } error)
            {
                // The same table as the outbox: only a verdict on the record itself rejects it.
                if (DeliveryOutcomes.RuleOf(DeliveryOutcomes.Classify(OutboxApi.Amie, error, request.RecordCount)).Rejects)
                {
                    report.Rejected.Add(new DeliveryRejection(Location(records, (int)request.FirstRecordIndex), null, $"refused by AMIE ({error.StatusCode?.ToString(CultureInfo.InvariantCulture)}): {error.ServiceMessage ?? error.Message}"));
                }
                else
                {
                    report.ServiceError ??= Describe(OutboxApi.Amie, error, request.RecordCount);
                }
            }
        }

        foreach (var failed in result.ServiceFailedRecords)
        {
            report.Rejected.Add(new DeliveryRejection($"LocalRecordID {failed.LocalRecordId} ({failed.Resource})", null, $"refused by AMIE: {failed.Error}"));
        }

        report.Accepted = (int)result.RecordsAccepted - result.ServiceFailedRecords.Count;
        if (result.StoppedBy is { } stoppedBy)
        {
            report.ServiceError = Describe(OutboxApi.Amie, stoppedBy, 2);
        }

        return report;
    }

    private async Task<DeliveryReport> SendPerseusAsync(IReadOnlyList<InputRecord> records, CancellationToken cancellationToken)
    {
        var report = new DeliveryReport { Service = ServiceKind.Perseus, Records = records.Count };
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
                report.Responses.Add($"{location}: POST UsageReporting/{outcome.Report.ProjectOid}: {outcome.StatusCode?.ToString(CultureInfo.InvariantCulture)} {(outcome.StatusCode == 201 ? "created" : "updated (same upsert key)")}");
            }
            else if (outcome.Error is { } error && DeliveryOutcomes.RuleOf(DeliveryOutcomes.Classify(OutboxApi.Perseus, error)).Rejects)
            {
                report.Rejected.Add(new DeliveryRejection(location, null, $"refused by PERSEUS ({error.StatusCode?.ToString(CultureInfo.InvariantCulture)}): {error.ServiceMessage ?? error.Message}"));
            }
            else if (outcome.Error is { } failure)
            {
                report.ServiceError ??= Describe(OutboxApi.Perseus, failure, 1);
            }
        }

        if (result.CollapsedCount > 0)
        {
            report.Responses.Add($"{result.CollapsedCount.ToString(CultureInfo.InvariantCulture)} report(s) had the upsert key of a later one in the same file and were not sent (last wins)");
            report.Accepted += result.CollapsedCount;
        }

        if (result.StoppedBy is { } stoppedBy)
        {
            report.ServiceError ??= Describe(OutboxApi.Perseus, stoppedBy, 1);
        }

        return report;
    }

    private async Task<DeliveryReport> SendGatewayAsync(IReadOnlyList<InputRecord> records, CancellationToken cancellationToken)
    {
        var report = new DeliveryReport { Service = ServiceKind.Gateway, Records = records.Count };
        var client = connection.Gateway();
        foreach (var record in records)
        {
            if (record.Record is not JobAttributes attributes)
            {
                report.Rejected.Add(new DeliveryRejection(record.Location, null, $"a {record.Kind} record cannot be sent to the Gateway Attributes API"));
                continue;
            }

            try
            {
                var reply = await client.SubmitAsync(attributes, cancellationToken).ConfigureAwait(false);
                switch (DeliveryOutcomes.Classify(reply))
                {
                    case AnswerClass.Accepted:
                        report.Accepted++;
                        report.Responses.Add($"{record.Location}: {reply}");
                        break;
                    case AnswerClass.RecordVerdict:
                        report.Rejected.Add(new DeliveryRejection(record.Location, "xsederesourcename",
                            $"unknown resource \"{attributes.XsedeResourceName}\"; did you mean one of: {string.Join(", ", reply.SuggestedResourceNames)}"));
                        break;
                    default:
                        // Not "Job attributes:": nothing says the job was staged, so it is not counted as accepted.
                        report.ServiceError = $"{record.Location}: the gateway API did not stage the job (reply: {reply.Kind}); not delivered. {DeliveryOutcomes.RuleOf(AnswerClass.Unexpected).Meaning}.";
                        return report;
                }
            }
            catch (Exception exception) when (DeliveryOutcomes.IsSendFailure(exception))
            {
                var answer = DeliveryOutcomes.Classify(OutboxApi.Gateway, exception);
                if (DeliveryOutcomes.RuleOf(answer).Rejects)
                {
                    if (exception is UsageValidationException invalid)
                    {
                        AddRejections(report, record.Location, invalid.Violations, invalid.Message);
                    }
                    else
                    {
                        report.Rejected.Add(new DeliveryRejection(record.Location, null, "refused by the gateway API: " + exception.Message));
                    }
                }
                else
                {
                    report.ServiceError = Describe(OutboxApi.Gateway, exception, 1);
                    break;
                }
            }
        }

        return report;
    }

    /// <summary>A service failure for the report: what it was and, for refused credentials, that it is about authentication.</summary>
    private static string Describe(OutboxApi api, Exception failure, int recordsInRequest)
    {
        var answer = DeliveryOutcomes.Classify(api, failure, recordsInRequest);
        return answer switch
        {
            AnswerClass.Authentication => "authentication failed: " + failure.Message,
            AnswerClass.RequestVerdict => $"{failure.Message} (a record of this request is bad, the service did not say which; none of its {recordsInRequest.ToString(CultureInfo.InvariantCulture)} records was accepted: send without --direct, through the outbox, which splits the request until the bad record stands alone)",
            _ => $"{failure.Message} ({DeliveryOutcomes.RuleOf(answer).Meaning})",
        };
    }

    private static string Location(IReadOnlyList<InputRecord> records, int index) =>
        index >= 0 && index < records.Count ? records[index].Location : "#" + index.ToString(CultureInfo.InvariantCulture);

    private static void AddRejections(DeliveryReport report, string location, IReadOnlyList<Violation> violations, string message)
    {
        if (violations.Count == 0)
        {
            report.Rejected.Add(new DeliveryRejection(location, null, message));
            return;
        }

        report.Rejected.AddRange(violations.Select(violation => new DeliveryRejection(location, violation.Path, violation.Message)));
    }
}
