using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Outbox;

// Enqueues batches of AMIE records into the outbox file args[0] until killed. After each commit it
// prints "committed <n>" (n = records committed so far), so a test knows what must survive a kill.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: CrashProbe <outbox.db> <batch size>");
    return 2;
}

var batchSize = int.Parse(args[1], CultureInfo.InvariantCulture);
await using var outbox = SqliteUsageOutbox.Open(args[0]);
for (var next = 0; ; next += batchSize)
{
    var items = Enumerable.Range(next, batchSize).Select(i => OutboxItem.For(Record(i))).ToList();
    await outbox.EnqueueAsync(items);
    Console.Out.WriteLine("committed " + (next + batchSize).ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
}

static ComputeUsageRecord Record(int i) => new()
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
