using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Outbox;

// Two modes, both killed by tests at random moments:
//   CrashProbe <outbox.db> <batch size>
//     enqueues batches of AMIE records until killed; after each commit prints "committed <n>"
//     (n = records committed so far), so a test knows what must survive a kill.
//   CrashProbe <outbox.db> <batch size> --records <N>
//     the whole life of N records: enqueue probe-0 .. probe-(N-1) in batches (a rerun enqueues them
//     all again: the keys already stored are recognised), then claim and mark delivered in batches
//     until nothing is left, printing "committed <n>" after each enqueue batch, "delivered <n>" after
//     each mark, and "done" at the end. Run it again after a kill until it prints "done"; every record
//     must then be stored once and delivered. The bench runs it at 10,000,000.
if (args.Length is not (2 or 4) || (args.Length == 4 && args[2] != "--records"))
{
    Console.Error.WriteLine("usage: CrashProbe <outbox.db> <batch size> [--records <N>]");
    return 2;
}

var batchSize = int.Parse(args[1], CultureInfo.InvariantCulture);
await using var outbox = SqliteUsageOutbox.Open(args[0]);
if (args.Length == 2)
{
    for (var next = 0; ; next += batchSize)
    {
        var items = Enumerable.Range(next, batchSize).Select(i => OutboxItem.For(Record(i))).ToList();
        await outbox.EnqueueAsync(items);
        Report("committed", next + batchSize);
    }
}

var records = long.Parse(args[3], CultureInfo.InvariantCulture);

// Claims of an earlier, killed run of this probe are released at once (its pid no longer runs).
await outbox.ReleaseAbandonedClaimsAsync();
for (long next = 0; next < records; next += batchSize)
{
    var count = (int)Math.Min(batchSize, records - next);
    var items = new OutboxItem[count];
    for (var i = 0; i < count; i++)
    {
        items[i] = OutboxItem.For(Record(next + i)) with { Source = "probe line " + (next + i + 1).ToString(CultureInfo.InvariantCulture) };
    }

    await outbox.EnqueueAsync(items);
    Report("committed", next + count);
}

long delivered = 0;
while (await outbox.ClaimAsync(batchSize, TimeSpan.FromMinutes(30)) is { Count: > 0 } claimed)
{
    delivered += await outbox.MarkDeliveredAsync(claimed.Select(entry => entry.Id));
    Report("delivered", delivered);
}

Console.Out.WriteLine("done");
return 0;

static void Report(string what, long count)
{
    Console.Out.WriteLine(what + " " + count.ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
}

static ComputeUsageRecord Record(long i) => new()
{
    Username = "jdoe",
    LocalProjectId = "csd123",
    LocalRecordId = "probe-" + i.ToString(CultureInfo.InvariantCulture),
    Resource = "expanse.sdsc.access-ci.org",
    SubmitTime = "2026-03-01T08:15:00-08:00",
    StartTime = "2026-03-01T08:20:12-08:00",
    EndTime = "2026-03-01T10:20:12-08:00",
    Charge = i.ToString(CultureInfo.InvariantCulture) + ".5",
    Attributes = new ComputeAttributes { NodeCount = 1 },
};
