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
        SubmitTime = "2024-03-01T08:15:00-08:00",
        StartTime = "2024-03-01T08:20:12-08:00",
        EndTime = "2024-03-01T10:20:12-08:00",
        Charge = (index % 997).ToString(CultureInfo.InvariantCulture) + ".25",
        Attributes = new ComputeAttributes
        {
            NodeCount = (int)(1 + (index % 8)),
            CpuCoreCount = (int)(128 * (1 + (index % 8))),
            JobName = "run-" + (index % 10_000).ToString(CultureInfo.InvariantCulture),
            Queue = Queues[index % Queues.Length],
        },
    };

    public static ComputeUsageRecord[] CreateMany(int count)
    {
        var records = new ComputeUsageRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = Create(i);
        }

        return records;
    }

    public static async IAsyncEnumerable<object?> Stream(long count, Action<long>? checkpoint = null)
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
