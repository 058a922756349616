using System.Text.Json.Serialization;

namespace UsageSchema.Cli.Sending;

/// <summary>What became of the records one <see cref="IUsageDelivery.DeliverAsync"/> was given.</summary>
public sealed class DeliveryReport
{
    /// <summary>How many rejections are kept in <see cref="Rejected"/>; the rest are counted (and handed to <see cref="OnRejected"/>).</summary>
    public const int MaxRejectionsKept = 1000;

    /// <summary>The service.</summary>
    public required UsageApi Service { get; init; }

    /// <summary>How many records were given.</summary>
    public int Records { get; set; }

    /// <summary>How many the service accepted.</summary>
    public int Accepted { get; set; }

    /// <summary>One line per answer of the service (status, message).</summary>
    public List<string> Responses { get; } = [];

    /// <summary>The first <see cref="MaxRejectionsKept"/> records kept back or refused, naming the record and why.</summary>
    public List<DeliveryRejection> Rejected { get; } = [];

    /// <summary>How many records were kept back or refused, in all.</summary>
    public int RejectedCount { get; private set; }

    /// <summary>Rejections not kept in <see cref="Rejected"/> (see <c>--problems FILE</c>); null when none were left out.</summary>
    public int? RejectedOmitted => RejectedCount > Rejected.Count ? RejectedCount - Rejected.Count : null;

    /// <summary>The service failure that stopped the delivery; null when every request was answered.</summary>
    public string? ServiceError { get; set; }

    /// <summary>Called with every rejection as it is added (e.g. to write it to <c>--problems FILE</c>).</summary>
    [JsonIgnore]
    public Action<DeliveryRejection>? OnRejected { get; init; }

    /// <summary>The exit code this outcome calls for.</summary>
    public int ExitCode => ServiceError is not null ? ExitCodes.ServiceError : RejectedCount > 0 ? ExitCodes.InvalidRecords : ExitCodes.Success;

    /// <summary>Adds a rejection: counted, kept while fewer than <see cref="MaxRejectionsKept"/> are, and handed to <see cref="OnRejected"/>.</summary>
    public void Reject(DeliveryRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        RejectedCount++;
        if (Rejected.Count < MaxRejectionsKept)
        {
            Rejected.Add(rejection);
        }

        OnRejected?.Invoke(rejection);
    }
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
