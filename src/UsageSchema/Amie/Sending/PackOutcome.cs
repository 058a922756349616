namespace UsageSchema.Amie.Sending;

/// <summary>What adding one record to a <see cref="RequestPacker"/> produced.</summary>
/// <param name="Completed">
/// A request that is now full and ready to send (it does not contain the record just added), or
/// null. The receiver owns it and disposes it once sent.
/// </param>
/// <param name="Failure">Why the record just added was kept back, or null when it was packed.</param>
public readonly record struct PackOutcome(PackedRequest? Completed, LocalRecordFailure? Failure);
