namespace UsageSchema.Amie.Sending;

/// <summary>
/// Told what a streamed send does while it runs, so that a caller can act on each request's outcome
/// (and forget its records) instead of waiting for the whole <see cref="AmieSendResult"/>. Called on the
/// sending call's own flow, one call at a time, in the order the requests were sent.
/// </summary>
public interface IAmieSendObserver
{
    /// <summary>A record that is not sent: invalid, unserializable, too large, or answered <c>413</c> alone.</summary>
    /// <param name="failure">Why, with the record's input position.</param>
    void KeptBack(LocalRecordFailure failure);

    /// <summary>A request answered for good, or failed for good (see <see cref="AmieRequestResult.Error"/>).</summary>
    /// <param name="result">The request's outcome, as it also appears in <see cref="AmieSendResult.Requests"/>.</param>
    /// <param name="records">The records the request carried, in input order.</param>
    void Answered(AmieRequestResult result, IReadOnlyList<PackedRecord> records);
}
