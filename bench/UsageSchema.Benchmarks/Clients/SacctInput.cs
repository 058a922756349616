using System.Globalization;
using System.Text;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// Writes N ended jobs as <c>sacct --parsable2</c> output with a header (the columns the decision
/// record's figures used), the input of <c>usage-schema validate jobs.sacct --resource R --sacct-timezone UTC</c>:
/// unique job IDs, a few users and accounts, every row a COMPLETED job.
/// </summary>
public static class SacctInput
{
    public const string Header = "JobID|User|Account|Partition|Submit|Start|End|Elapsed|State|AllocNodes|AllocCPUS|JobName";

    private static readonly string[] Users = ["jdoe", "asmith", "mgarcia", "lchen", "okoroma"];
    private static readonly string[] Accounts = ["csd123", "phy456", "bio789", "chm012"];
    private static readonly string[] Partitions = ["compute", "shared", "gpu", "large-shared"];

    public static int Write(long count, string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        using var writer = new StreamWriter(file, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write(Header);
        writer.Write('\n');
        var line = new StringBuilder(160);
        for (long i = 0; i < count; i++)
        {
            var minute = (i % 60).ToString("00", CultureInfo.InvariantCulture);
            var nodes = 1 + (i % 8);
            line.Clear()
                .Append((4_100_000 + i).ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(Users[i % Users.Length]).Append('|')
                .Append(Accounts[i % Accounts.Length]).Append('|')
                .Append(Partitions[i % Partitions.Length]).Append('|')
                .Append("2024-03-01T08:").Append(minute).Append(":00|")
                .Append("2024-03-01T09:").Append(minute).Append(":00|")
                .Append("2024-03-01T10:").Append(minute).Append(":00|")
                .Append("01:00:00|COMPLETED|")
                .Append(nodes.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append((128 * nodes).ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append("run-").Append((i % 10_000).ToString(CultureInfo.InvariantCulture)).Append('\n');
            writer.Write(line);
        }

        writer.Flush();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {count:N0} sacct rows to {path} ({file.Length / 1048576.0:F1} MiB)"));
        return 0;
    }
}
