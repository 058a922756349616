using System.Text;
using UsageSchema.Amie;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.Fidelity;

/// <summary>
/// A job cancelled (or past its deadline) while pending ended without running: slurmctld sets its start
/// and end to the same time. Without a <c>NodeList</c> column, and with <c>NNodes</c> (the requested
/// nodes of a job that never ran), that is what tells it: it is skipped, never a problem, never a record.
/// </summary>
public sealed class SacctNeverStartedTests
{
    private const string Header = "JobID|User|Account|Submit|Start|End|State|NNodes|NCPUS";

    [Theory]
    [InlineData("CANCELLED by 70004")]
    [InlineData("DEADLINE")]
    public void Ended_at_its_start_while_pending_is_skipped(string state)
    {
        var rows = $"{Header}\n1|jdoe|p|2024-06-02T13:00:00|2024-06-02T13:05:00|2024-06-02T13:05:00|{state}|1|8\n";

        var result = SacctRecordReader.Read(Encoding.UTF8.GetBytes(rows), new SacctMapping { Resource = "r.example.org", TimeZone = TimeZoneInfo.Utc });

        Assert.Empty(result.Problems);
        Assert.Empty(result.Records);
        Assert.Contains("before it started (Start = End", Assert.Single(result.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_that_completed_within_its_start_second_is_still_a_record()
    {
        var rows = $"{Header}\n2|jdoe|p|2024-06-02T13:00:00|2024-06-02T13:05:00|2024-06-02T13:05:00|COMPLETED|1|8\n";

        var result = SacctRecordReader.Read(Encoding.UTF8.GetBytes(rows), new SacctMapping { Resource = "r.example.org", TimeZone = TimeZoneInfo.Utc });

        Assert.Empty(result.Problems);
        Assert.Equal("0.000000", ((ComputeUsageRecord)Assert.Single(result.Records).Record).Charge);
    }
}
