namespace UsageSchema.Cli.Sending;

/// <summary>What became of the records one <see cref="IUsageDelivery.DeliverAsync"/> was given.</summary>
public sealed class DeliveryReport
{
    /// <summary>The service.</summary>
    public required ServiceKind Service { get; init; }

    /// <summary>How many records were given.</summary>
    public int Records { get; init; }

    /// <summary>How many the service accepted.</summary>
    public int Accepted { get; set; }

    /// <summary>One line per answer of the service (status, message).</summary>
    public List<string> Responses { get; } = [];

    /// <summary>Records kept back or refused, naming the record and why.</summary>
    public List<DeliveryRejection> Rejected { get; } = [];

    /// <summary>The service failure that stopped the delivery; null when every request was answered.</summary>
    public string? ServiceError { get; set; }

    /// <summary>The exit code this outcome calls for.</summary>
    public int ExitCode => ServiceError is not null ? ExitCodes.ServiceError : Rejected.Count > 0 ? ExitCodes.InvalidRecords : ExitCodes.Success;
}

/// <summary>A record not delivered.</summary>
/// <param name="Location">Where it was read (<c>line 4</c>), or its id at the service.</param>
/// <param name="Field">The field at fault, when one is.</param>
/// <param name="Message">Why.</param>
public sealed record DeliveryRejection(string Location, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field is null ? $"{Location}: {Message}" : $"{Location}: {Field}: {Message}";
}
