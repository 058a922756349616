namespace UsageSchema.Cli.Verification;

/// <summary>What kind of difference between the outbox and a service's read-back a finding is.</summary>
internal enum FindingKind
{
    /// <summary>The outbox holds the record as delivered, longer ago than the load delay, and the service has not loaded it.</summary>
    DeliveredNotLoaded,

    /// <summary>The service loaded the record with a charge (PERSEUS: a value) that differs from the delivered one by more than the tolerance.</summary>
    ChargeDiffers,

    /// <summary>The service holds the record among its failed records, with its error.</summary>
    FailedAtService,

    /// <summary>The service loaded a record this outbox never delivered.</summary>
    UnknownToOutbox,

    /// <summary>A whole day inside the window without a single record, delivered or loaded (a cron job that did not run).</summary>
    DayWithoutRecords,

    /// <summary>The service holds the record with other attributes than were delivered (the gateway: another gateway user or submission time).</summary>
    AttributesDiffer,
}

/// <summary>One difference, naming the record (or the day) and what differs.</summary>
/// <param name="Kind">The kind of difference.</param>
/// <param name="Subject">The record (AMIE <c>resource/LocalRecordID</c>, gateway <c>resource/jobid</c>, PERSEUS its upsert key; a resource, for AMIE's <c>/usage/status</c> totals) or the day (<c>yyyy-MM-dd</c>).</param>
/// <param name="Detail">What differs, for a person.</param>
/// <param name="EntryId">The outbox entry, when the finding is about one.</param>
/// <param name="FailedRecordId">The service's FailedRecordID, for a failed record.</param>
/// <param name="Fixable">Whether <c>verify --fix</c> repairs it (re-queues the entry to be sent again, or clears the failed record).</param>
internal sealed record VerifyFinding(FindingKind Kind, string Subject, string Detail, long? EntryId = null, string? FailedRecordId = null, bool Fixable = false);
