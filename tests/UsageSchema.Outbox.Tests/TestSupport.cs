using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;

namespace UsageSchema.Outbox.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}

/// <summary>A temporary directory, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "usage-outbox-tests", Guid.NewGuid().ToString("N"));

    public string File(string name = "outbox.db") => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Records
{
    public static ComputeUsageRecord Compute(string localRecordId, string charge = "2.5", string resource = "expanse.sdsc.access-ci.org") => new()
    {
        Username = "jdoe",
        LocalProjectId = "csd123",
        LocalRecordId = localRecordId,
        Resource = resource,
        SubmitTime = "2026-03-01T08:15:00-08:00",
        StartTime = "2026-03-01T08:20:12-08:00",
        EndTime = "2026-03-01T10:20:12-08:00",
        Charge = charge,
        Attributes = new ComputeAttributes { NodeCount = 1, CpuCoreCount = 4 },
    };

    public static UsageReport Report(double value, string user = "jdoe", string start = "2026-03-01T00:00:00+00:00") => new()
    {
        ProjectOid = "0123456789abcdef01234567",
        ComputeProjectId = "hpc-prf-test",
        ResourceId = "noctua2-cpu",
        Start = start,
        End = "2026-03-02T00:00:00+00:00",
        Value = value,
        User = user,
        Partition = "normal",
        Priority = "default",
    };

    public static JobAttributes Job(int jobId, string resource = "expanse.sdsc.xsede.org") => new()
    {
        GatewayUser = "alice",
        XsedeResourceName = resource,
        JobId = jobId.ToString(CultureInfo.InvariantCulture),
        SubmitTime = "2026-03-01 08:15:00 -08:00",
    };
}
