using System.Globalization;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Cli.Sending;
using UsageSchema.Outbox;
using UsageSchema.Outbox.Dispatch;
using UsageSchema.Serialization;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// The demo's outbox part: records are written to a SQLite outbox, a sender "crashes" after the
/// service accepted them but before the outbox heard, and the rerun delivers without loading anything twice.
/// </summary>
internal static class DemoOutbox
{
    private const string Resource = "expanse.sdsc.access-ci.org";
    private const string CrashedSender = "demo:crashed-sender";

    public static async Task<DemoSummary.OutboxDemo> RunAsync(TextWriter output, ServiceConnection connection, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"usage-schema-demo-outbox-{Guid.NewGuid():N}.db");
        try
        {
            DemoCommand.Heading(output, "Outbox: records are written to a durable outbox (SQLite, WAL) before they are sent");
            var sender = connection.Amie();
            var loadedBefore = await LoadedAsync(sender, cancellationToken).ConfigureAwait(false);
            var records = Enumerable.Range(1, 3).Select(Compute).ToList();
            int sentBeforeCrash;
            await using (var crashed = SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = file, ClaimerId = CrashedSender }))
            {
                await crashed.EnqueueRecordsAsync(records, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"  {records.Count.ToString(CultureInfo.InvariantCulture)} AMIE records enqueued in {file}");
                var claimed = await crashed.ClaimAsync(10, TimeSpan.FromMinutes(10), UsageApi.Amie, cancellationToken).ConfigureAwait(false);
                var sent = await sender.SendAsync(claimed.Select(entry => (IAmieUsageRecord?)JsonSerializer.Deserialize<ComputeUsageRecord>(entry.Payload, UsageJson.Options)), cancellationToken).ConfigureAwait(false);
                sentBeforeCrash = (int)sent.RecordsAccepted;
                output.WriteLine($"  a sender claimed them and the service accepted {sentBeforeCrash.ToString(CultureInfo.InvariantCulture)}; then the sender was killed before it could mark them delivered");
            }

            await using var outbox = SqliteUsageOutbox.Open(file);
            var released = await outbox.ReleaseClaimsAsync(CrashedSender, "the demo's sender was killed", cancellationToken).ConfigureAwait(false);
            output.WriteLine($"  on restart the claims of the killed sender are released: {released.ToString(CultureInfo.InvariantCulture)} entries back to pending");
            var pass = await new OutboxDispatcher(outbox, sender, null, null).DispatchAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"  the rerun sends them again: {OutboxFlush.Describe(pass)}");
            output.WriteLine("  (the service answered \"Duplicate LocalRecordID\": the outbox knows it sent them before, counts them delivered and clears those failed records)");
            var again = await outbox.EnqueueRecordsAsync(records, cancellationToken).ConfigureAwait(false);
            var notResent = again.Count(result => result.Outcome == EnqueueOutcome.AlreadyDelivered);
            output.WriteLine($"  enqueuing the same records again: {notResent.ToString(CultureInfo.InvariantCulture)} already delivered, not sent again");

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            var loaded = await LoadedAsync(sender, cancellationToken).ConfigureAwait(false) - loadedBefore;
            var failed = (await sender.GetFailedRecordsAsync(cancellationToken).ConfigureAwait(false)).Count;
            output.WriteLine($"  the service loaded {loaded.ToString(CultureInfo.InvariantCulture)} more records for {Resource} (each of the {records.Count.ToString(CultureInfo.InvariantCulture)} once, though sent twice) and lists {failed.ToString(CultureInfo.InvariantCulture)} failed record(s)");
            return new DemoSummary.OutboxDemo(records.Count, sentBeforeCrash, released, pass.Delivered, notResent, loaded, failed);
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static async Task<long> LoadedAsync(Amie.Sending.AmieUsageSender sender, CancellationToken cancellationToken) =>
        (await sender.GetStatusAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(status => status.Resource == Resource).Sum(status => status.LoadedRecordCount);

    private static ComputeUsageRecord Compute(int number) => new()
    {
        Username = "jdoe", LocalProjectId = "csd123", LocalRecordId = "demo-outbox-" + number.ToString(CultureInfo.InvariantCulture), Resource = Resource,
        SubmitTime = "2024-03-03T08:15:00-08:00", StartTime = "2024-03-03T08:20:00-08:00", EndTime = "2024-03-03T09:20:00-08:00",
        Charge = "128.000000", Attributes = new ComputeAttributes { NodeCount = 1, CpuCoreCount = 128 },
    };
}
