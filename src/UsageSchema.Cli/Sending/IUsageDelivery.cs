using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// How <c>send</c> hands records to a service. <see cref="DirectDelivery"/> sends them at once with the
/// production clients; a durable outbox (see the CLI README) is another implementation of this same
/// interface, which records first and sends what is not yet delivered.
/// </summary>
public interface IUsageDelivery
{
    /// <summary>Delivers valid records of one service's kinds and reports what became of each.</summary>
    /// <param name="records">The records, already read from the input.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    Task<DeliveryReport> DeliverAsync(IReadOnlyList<InputRecord> records, CancellationToken cancellationToken);
}
