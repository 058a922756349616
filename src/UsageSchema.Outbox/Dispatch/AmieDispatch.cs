using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Errors;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// AMIE entries through <see cref="IAmieUsageSender"/>, one call per record type, so each request's
/// record index range maps back to entries: accepted → delivered; a local failure (invalid, too large)
/// or a record the service lists as failed → rejected with its reason; a 400 on a single-record request
/// → rejected; a 400 on a request of several records → split until the bad record stands alone; any other
/// failed request (see <see cref="DeliveryOutcomes"/>), a record not sent because sending stopped, or an
/// exception → released.
/// </summary>
/// <remarks>
/// <c>Duplicate LocalRecordID</c> for an entry that may have reached the service before (its attempts
/// are above zero: an earlier claim lapsed, or an earlier request ended without a readable answer; or
/// the client retried this very request, whose earlier attempt timed out or lost its connection after
/// the service had queued it) is the service holding our own earlier copy, which happens after a crash
/// between send and mark, or after an answer that came too late. That entry is delivered, and the
/// service's failed records for the repeats are cleared so its failed list keeps only real problems.
/// On a first attempt the duplicate is someone else's record: rejected.
/// </remarks>
internal sealed class AmieDispatch(IAmieUsageSender sender) : IApiDispatch
{
    /// <summary>The AMIE service's error text for a <c>LocalRecordID</c> it already holds for the resource.</summary>
    private const string DuplicateLocalRecordId = "Duplicate LocalRecordID";

    /// <summary>How many times the repeats of own records are listed and cleared before they are left to the operator.</summary>
    private const int RepeatClearingRounds = 4;

    public UsageApi Api => UsageApi.Amie;

    public async Task<IReadOnlyList<EntryOutcome>> SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var outcomes = new List<EntryOutcome>(entries.Count);
        foreach (var group in entries.GroupBy(entry => entry.RecordType))
        {
            var sendable = new List<(OutboxEntry Entry, IAmieUsageRecord Record)>();
            foreach (var entry in group)
            {
                if (Read(entry, out var record, out var problem))
                {
                    sendable.Add((entry, record!));
                }
                else
                {
                    outcomes.Add(EntryOutcome.Rejected(entry.Id, problem!));
                }
            }

            if (sendable.Count > 0)
            {
                outcomes.AddRange(await SendGroupAsync(sendable, cancellationToken).ConfigureAwait(false));
            }
        }

        return outcomes;
    }

    private static bool Read(OutboxEntry entry, out IAmieUsageRecord? record, out string? problem)
    {
        problem = null;
        try
        {
            record = OutboxRecordTypes.TryGet<IAmieUsageRecord>(entry.RecordType, out var type)
                ? JsonSerializer.Deserialize(entry.Payload, type, UsageJson.Options) as IAmieUsageRecord
                : null;
        }
        catch (JsonException exception)
        {
            record = null;
            problem = $"The stored {entry.RecordType} record is not readable: {exception.Message}";
            return false;
        }

        problem = record is null ? $"The stored record type '{entry.RecordType}' is not an AMIE record." : null;
        return record is not null;
    }

    private async Task<List<EntryOutcome>> SendGroupAsync(List<(OutboxEntry Entry, IAmieUsageRecord Record)> sendable, CancellationToken cancellationToken)
    {
        var outcomes = new EntryOutcome?[sendable.Count];
        var ownRepeats = new List<FailedUsageRecord>();
        var notSent = await SendPartAsync(sendable, [.. Enumerable.Range(0, sendable.Count)], outcomes, ownRepeats, cancellationToken).ConfigureAwait(false);
        await ClearOwnRepeatsAsync(ownRepeats).ConfigureAwait(false);
        return [.. outcomes.Select((outcome, index) => outcome ?? notSent with { Id = sendable[index].Entry.Id })];
    }

    /// <summary>
    /// Sends the records <paramref name="part"/> names (indexes into <paramref name="sendable"/>) and fills
    /// in their outcomes. A 400 on a request of several records says one of them is bad without saying
    /// which: that request's records are sent again in halves, as the sender splits a 413, until the bad
    /// record stands alone and its own 400 rejects it; its neighbours are delivered.
    /// </summary>
    /// <returns>The outcome of a record no request carried (sending stopped).</returns>
    private async Task<EntryOutcome> SendPartAsync(List<(OutboxEntry Entry, IAmieUsageRecord Record)> sendable, List<int> part, EntryOutcome?[] outcomes, List<FailedUsageRecord> ownRepeats, CancellationToken cancellationToken)
    {
        AmieSendResult result;
        try
        {
            result = await sender.SendAsync(part.Select(index => sendable[index].Record), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsServiceFailure(exception))
        {
            var answer = DeliveryOutcomes.Classify(UsageApi.Amie, exception, part.Count);
            foreach (var index in part)
            {
                outcomes[index] = EntryOutcome.Of(sendable[index].Entry.Id, answer == AnswerClass.RequestVerdict ? AnswerClass.Refused : answer, Reasons.Of(exception), exception);
            }

            return EntryOutcome.Released(0, "Not sent.");
        }

        foreach (var failure in result.LocalFailures)
        {
            if (failure.Index >= 0 && failure.Index < part.Count)
            {
                var index = part[(int)failure.Index];
                outcomes[index] = EntryOutcome.Rejected(sendable[index].Entry.Id, Reasons.Of($"{failure.Reason}: {failure.Message}", failure.Violations));
            }
        }

        var toSplit = new List<List<int>>();
        foreach (var request in result.Requests)
        {
            var failed = request.ServiceFailedRecords
                .Where(record => record.Resource is not null && record.LocalRecordId is not null)
                .GroupBy(record => (record.Resource!, record.LocalRecordId!))
                .ToDictionary(records => records.Key, records => records.First());
            var answer = request.Error is { } requestError ? DeliveryOutcomes.Classify(UsageApi.Amie, requestError, request.RecordCount) : AnswerClass.Accepted;
            var split = new List<int>();
            for (var position = request.FirstRecordIndex; position <= request.LastRecordIndex && position < part.Count; position++)
            {
                var index = part[(int)position];
                if (outcomes[index] is not null)
                {
                    continue;
                }

                var (entry, record) = sendable[index];
                if (request.Error is { } error)
                {
                    if (answer == AnswerClass.RequestVerdict)
                    {
                        split.Add(index);
                    }
                    else
                    {
                        outcomes[index] = EntryOutcome.Of(entry.Id, answer, Reasons.Of(error), error);
                    }
                }
                else
                {
                    var (resource, localRecordId) = (record.Resource, record.LocalRecordId);
                    if (resource is null || localRecordId is null || !failed.TryGetValue((resource, localRecordId), out var failure))
                    {
                        outcomes[index] = EntryOutcome.Delivered(entry.Id);
                    }
                    else if (IsDuplicate(failure) && (entry.Attempts > 0 || request.Attempts > 1))
                    {
                        outcomes[index] = EntryOutcome.Delivered(entry.Id);
                        ownRepeats.Add(failure);
                    }
                    else
                    {
                        outcomes[index] = EntryOutcome.Rejected(entry.Id, "The service listed the record as failed: " + (failure.Error ?? "failed at the service"));
                    }
                }
            }

            if (split.Count > 0)
            {
                toSplit.Add(split);
            }
        }

        var notSent = result.StoppedBy is { } stoppedBy
            ? EntryOutcome.Of(0, NotAVerdict(DeliveryOutcomes.Classify(UsageApi.Amie, stoppedBy, 2)), "Not sent: " + Reasons.Of(stoppedBy), stoppedBy)
            : EntryOutcome.Released(0, "Not sent: no request carried it.");
        var stopped = result.StoppedBy is not null;
        foreach (var halfPart in toSplit.SelectMany(split => new[] { split[..(split.Count / 2)], split[(split.Count / 2)..] }).Where(half => half.Count > 0))
        {
            // Once sending stopped (credentials refused, service down), the rest waits for the next pass.
            if (stopped)
            {
                break;
            }

            var halfNotSent = await SendPartAsync(sendable, halfPart, outcomes, ownRepeats, cancellationToken).ConfigureAwait(false);
            if (halfPart.Any(index => outcomes[index] is null))
            {
                notSent = halfNotSent;
                stopped = true;
            }
            else if (halfPart.Select(index => outcomes[index]).FirstOrDefault(outcome => outcome!.StopsPass) is { } stop)
            {
                notSent = stop with { Reason = "Not sent: " + stop.Reason };
                stopped = true;
            }
        }

        return notSent;
    }

    private static AnswerClass NotAVerdict(AnswerClass answer) => DeliveryOutcomes.RuleOf(answer).Rejects || answer == AnswerClass.RequestVerdict ? AnswerClass.Unavailable : answer;

    private static bool IsDuplicate(FailedUsageRecord failure) =>
        failure.Error is { } error && error.Contains(DuplicateLocalRecordId, StringComparison.OrdinalIgnoreCase);

    // Best effort and without the caller's token: the outcomes stand whether or not the service's
    // failed list could be tidied; an operator can still clear it with `clear-failed`.
    private async Task ClearOwnRepeatsAsync(List<FailedUsageRecord> repeats)
    {
        if (repeats.Count == 0)
        {
            return;
        }

        // An attempt whose answer was lost (timed out, connection dropped, body cut short) may have left
        // repeats of the same records that no answer named, so the service's own list decides what to
        // clear; the named repeats stand in for it while the list cannot be read. A round ends when the
        // list was read and what it named was cleared; a few rounds ride out a flaky service, on top of
        // the client's own retries of each call.
        var keys = repeats.Select(repeat => (repeat.Resource, repeat.LocalRecordId)).ToHashSet();
        var toClear = repeats;
        for (var round = 0; round < RepeatClearingRounds; round++)
        {
            var listed = false;
            try
            {
                var failed = await sender.GetFailedRecordsAsync(CancellationToken.None).ConfigureAwait(false);
                toClear = [.. failed.Where(record => IsDuplicate(record) && keys.Contains((record.Resource, record.LocalRecordId)))];
                listed = true;
            }
            catch (Exception exception) when (IsServiceFailure(exception))
            {
                // Clear what the answers named at least; the next round lists again.
            }

            try
            {
                if (toClear.Count > 0)
                {
                    await sender.ClearFailedRecordsAsync(toClear, CancellationToken.None).ConfigureAwait(false);
                }

                if (listed)
                {
                    return;
                }
            }
            catch (Exception exception) when (IsServiceFailure(exception))
            {
                // Deliberately swallowed: see above.
            }
        }
    }

    private static bool IsServiceFailure(Exception exception) =>
        exception is UsageServiceException or HttpRequestException or IOException or JsonException;
}
