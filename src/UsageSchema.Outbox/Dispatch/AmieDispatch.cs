using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.Errors;
using UsageSchema.Serialization;

namespace UsageSchema.Outbox.Dispatch;

/// <summary>
/// AMIE entries through <see cref="IAmieUsageSender"/>, one call per record type, so each request's
/// record index range maps back to entries: accepted → delivered; a local failure (invalid, too large)
/// or a record the service lists as failed → rejected with its reason; a failed request, a record not
/// sent because sending stopped, or an exception → released.
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

    public OutboxApi Api => OutboxApi.Amie;

    public async Task<IReadOnlyList<EntryOutcome>> SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var outcomes = new List<EntryOutcome>(entries.Count);
        foreach (var group in entries.GroupBy(entry => entry.RecordType))
        {
            var sendable = new List<(OutboxEntry Entry, object Record)>();
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

    private static bool Read(OutboxEntry entry, out object? record, out string? problem)
    {
        problem = null;
        try
        {
            record = entry.RecordType switch
            {
                RecordTypes.Compute => JsonSerializer.Deserialize<ComputeUsageRecord>(entry.Payload, UsageJson.Options),
                RecordTypes.Storage => JsonSerializer.Deserialize<StorageUsageRecord>(entry.Payload, UsageJson.Options),
                RecordTypes.Adjustment => JsonSerializer.Deserialize<AdjustmentUsageRecord>(entry.Payload, UsageJson.Options),
                _ => null,
            };
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

    private async Task<List<EntryOutcome>> SendGroupAsync(List<(OutboxEntry Entry, object Record)> sendable, CancellationToken cancellationToken)
    {
        AmieSendResult result;
        try
        {
            result = await sender.SendAsync(sendable.Select(item => (object?)item.Record), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsServiceFailure(exception))
        {
            return [.. sendable.Select(item => EntryOutcome.Released(item.Entry.Id, exception.Message))];
        }

        var outcomes = new EntryOutcome?[sendable.Count];
        foreach (var failure in result.LocalFailures)
        {
            if (failure.Index >= 0 && failure.Index < sendable.Count)
            {
                outcomes[failure.Index] = EntryOutcome.Rejected(sendable[(int)failure.Index].Entry.Id, Reasons.Of($"{failure.Reason}: {failure.Message}", failure.Violations));
            }
        }

        var ownRepeats = new List<FailedUsageRecord>();
        foreach (var request in result.Requests)
        {
            var failed = request.ServiceFailedRecords
                .Where(record => record.Resource is not null && record.LocalRecordId is not null)
                .GroupBy(record => (record.Resource!, record.LocalRecordId!))
                .ToDictionary(records => records.Key, records => records.First());
            for (var index = request.FirstRecordIndex; index <= request.LastRecordIndex && index < sendable.Count; index++)
            {
                if (outcomes[index] is not null)
                {
                    continue;
                }

                var id = sendable[(int)index].Entry.Id;
                if (request.Error is { } error)
                {
                    outcomes[index] = Reasons.IsPermanent(error) && request.RecordCount == 1
                        ? EntryOutcome.Rejected(id, Reasons.Of(error))
                        : EntryOutcome.Released(id, Reasons.Of(error));
                }
                else
                {
                    var (resource, localRecordId) = Key(sendable[(int)index].Record);
                    if (resource is null || localRecordId is null || !failed.TryGetValue((resource, localRecordId), out var failure))
                    {
                        outcomes[index] = EntryOutcome.Delivered(id);
                    }
                    else if (IsDuplicate(failure) && (sendable[(int)index].Entry.Attempts > 0 || request.Attempts > 1))
                    {
                        outcomes[index] = EntryOutcome.Delivered(id);
                        ownRepeats.Add(failure);
                    }
                    else
                    {
                        outcomes[index] = EntryOutcome.Rejected(id, "The service listed the record as failed: " + (failure.Error ?? "failed at the service"));
                    }
                }
            }
        }

        await ClearOwnRepeatsAsync(ownRepeats).ConfigureAwait(false);

        var notSent = "Not sent: " + (result.StoppedBy is { } stoppedBy ? Reasons.Of(stoppedBy) : "no request carried it.");
        return [.. outcomes.Select((outcome, index) => outcome ?? EntryOutcome.Released(sendable[index].Entry.Id, notSent))];
    }

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

    private static (string? Resource, string? LocalRecordId) Key(object record) => record switch
    {
        ComputeUsageRecord compute => (compute.Resource, compute.LocalRecordId),
        StorageUsageRecord storage => (storage.Resource, storage.LocalRecordId),
        AdjustmentUsageRecord adjustment => (adjustment.Resource, adjustment.LocalRecordId),
        _ => (null, null),
    };
}
