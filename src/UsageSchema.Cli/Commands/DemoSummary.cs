namespace UsageSchema.Cli.Commands;

/// <summary>What <c>demo --json</c> writes: the figures the walk-through showed.</summary>
internal sealed class DemoSummary
{
    public int AmieSent { get; set; }

    public int AmieInvalid { get; set; }

    public int AmieAccepted { get; set; }

    public List<ResourceStatus> AmieStatus { get; } = [];

    public int AmieFailedAtService { get; set; }

    public List<string> GatewayReplies { get; } = [];

    public int GatewayJobsStored { get; set; }

    public List<string> PerseusStoredValues { get; } = [];

    public OutboxDemo? Outbox { get; set; }

    /// <summary>One resource's AMIE status.</summary>
    public sealed record ResourceStatus(string Resource, long Loaded, long Failed);

    /// <summary>The outbox part: what a crash between send and mark left, and what the rerun did.</summary>
    public sealed record OutboxDemo(int Enqueued, int SentBeforeTheCrash, int ReleasedAfterTheCrash, int DeliveredOnRerun, int NotResentOnEnqueueAgain, long LoadedAtTheService, int FailedAtTheService);
}
