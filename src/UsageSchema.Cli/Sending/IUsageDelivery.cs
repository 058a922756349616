using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// How <c>send</c> hands records to a service. <see cref="DirectDelivery"/> sends them at once with the
/// production clients; <see cref="OutboxDelivery"/> records them in the durable outbox first and sends
/// what is not yet delivered. Both take the records as a stream, while they are still being read.
/// </summary>
public interface IUsageDelivery
{
    /// <summary>Delivers valid records of one service's kinds, as they come, and records in <paramref name="report"/> what became of them.</summary>
    /// <param name="records">The records, read and validated as they are taken.</param>
    /// <param name="report">Where the outcome goes (its <see cref="DeliveryReport.Records"/>, <see cref="DeliveryReport.Accepted"/>, rejections and service error).</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    Task DeliverAsync(IAsyncEnumerable<InputRecord> records, DeliveryReport report, CancellationToken cancellationToken);
}
