namespace UsageSchema.Amie.Sending;

/// <summary>Why a record was kept back instead of being sent.</summary>
public enum LocalFailureReason
{
    /// <summary>The record breaks its spec (<c>Validate()</c> found violations); see <see cref="LocalRecordFailure.Violations"/>.</summary>
    Invalid,

    /// <summary>The record alone, in its envelope, is bigger than the request cap.</summary>
    TooLarge,

    /// <summary>The service answered <c>413</c> to a request holding only this record.</summary>
    RejectedAsTooLarge,

    /// <summary>The item is null (the typed input admits no other non-record).</summary>
    NotAnAmieRecord,

    /// <summary>The record could not be serialized (e.g. an unsupported value among its additional properties).</summary>
    Unserializable,
}
