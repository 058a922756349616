using System.Globalization;
using UsageSchema.Amie;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>Realistic, valid compute records: unique IDs, a few users and projects, optional attributes set.</summary>
public static class ComputeRecords
{
    private static readonly string[] Users = ["jdoe", "asmith", "mgarcia", "lchen", "okoroma"];
    private static readonly string[] Projects = ["csd123", "phy456", "bio789", "chm012"];
    private static readonly string[] Queues = ["compute", "shared", "gpu", "large-shared"];

    public static ComputeUsageRecord Create(long index) => new()
    {
        Username = Users[index % Users.Length],
        LocalProjectId = Projects[index % Projects.Length],
        LocalRecordId = (31_415_926 + index).ToString(CultureInfo.InvariantCulture),
        Resource = "expanse.sdsc.access-ci.org",
        // Times of their own (a minute of the hour from the index): each record has its own string
        // instances, as records read from a file do, so that no check can save work by reference.
        SubmitTime = Time("08", index),
        StartTime = Time("09", index),
        EndTime = Time("10", index),
        Charge = (index % 997).ToString(CultureInfo.InvariantCulture) + ".25",
        Attributes = new ComputeAttributes
        {
            NodeCount = (int)(1 + (index % 8)),
            CpuCoreCount = (int)(128 * (1 + (index % 8))),
            JobName = "run-" + (index % 10_000).ToString(CultureInfo.InvariantCulture),
            Queue = Queues[index % Queues.Length],
        },
    };

    private static string Time(string hour, long index) =>
        "2024-03-01T" + hour + ":" + (index % 60).ToString("00", CultureInfo.InvariantCulture) + ":12-08:00";

    public static ComputeUsageRecord[] CreateMany(int count)
    {
        var records = new ComputeUsageRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = Create(i);
        }

        return records;
    }

    public static async IAsyncEnumerable<IAmieUsageRecord?> Stream(long count, Action<long>? checkpoint = null)
    {
        for (long i = 0; i < count; i++)
        {
            if (checkpoint is not null && i % 1_000_000 == 0)
            {
                checkpoint(i);
            }

            // Yield to the scheduler now and then, as a real source (a database reader, a file) would.
            if (i % 4096 == 0)
            {
                await Task.Yield();
            }

            yield return Create(i);
        }

        checkpoint?.Invoke(count);
    }
}
