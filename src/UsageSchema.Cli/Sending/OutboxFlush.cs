using System.Globalization;
using UsageSchema.Cli.Progress;
using UsageSchema.Outbox;
using UsageSchema.Outbox.Dispatch;

namespace UsageSchema.Cli.Sending;

/// <summary>One pass of the outbox for one service, with progress: shared by <c>send</c> and <c>outbox flush</c>.</summary>
internal static class OutboxFlush
{
    public static async Task<DispatchReport> RunAsync(IUsageOutbox outbox, ServiceConnection connection, UsageApi service, OutboxDispatcherOptions options, bool showProgress, CancellationToken cancellationToken)
    {
        var waiting = (await outbox.CountAsync(cancellationToken).ConfigureAwait(false))
            .Where(count => count.Api == service && count.State is OutboxState.Pending or OutboxState.Claimed)
            .Sum(count => count.Count);
        var dispatcher = Dispatcher(outbox, connection, service, options);
        return await DispatchProgress.RunAsync(UsageApiNames.Of(service), waiting, showProgress, progress => dispatcher.DispatchAsync(progress, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A dispatcher of <paramref name="outbox"/> for <paramref name="service"/> alone.</summary>
    public static OutboxDispatcher Dispatcher(IUsageOutbox outbox, ServiceConnection connection, UsageApi service, OutboxDispatcherOptions options) => service switch
    {
        UsageApi.Amie => new OutboxDispatcher(outbox, connection.Amie(), null, null, options),
        UsageApi.Perseus => new OutboxDispatcher(outbox, null, connection.Perseus(), null, options),
        _ => new OutboxDispatcher(outbox, null, null, connection.Gateway(), options),
    };

    public static string Describe(DispatchReport pass) => string.Create(
        CultureInfo.InvariantCulture,
        $"sent from the outbox: {pass.Delivered} delivered, {pass.Rejected} rejected, {pass.Released} released to retry ({pass.Claimed} claimed){(pass.StoppedBy is { } stopped ? "; stopped: " + stopped : string.Empty)}");
}
