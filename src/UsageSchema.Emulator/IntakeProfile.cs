using System.Diagnostics;
using System.Globalization;

namespace UsageSchema.Emulator;

/// <summary>
/// Where the time of an AMIE <c>POST /usage</c> goes, stage by stage, when the environment variable
/// <see cref="Variable"/> is <c>1</c>: each stage's time is summed over the requests and written to
/// standard error as microseconds per record every <see cref="Every"/> requests. Off (and free) otherwise;
/// it is for the intake benchmark (<c>bench/UsageSchema.Benchmarks --emulator-intake</c>), not for tests.
/// </summary>
internal sealed class IntakeProfile
{
    /// <summary>The environment variable that turns the profile on.</summary>
    public const string Variable = "USAGESCHEMA_EMULATOR_PROFILE";

    private const int Every = 50;

    /// <summary>The stages of one request, in order.</summary>
    public enum Stage
    {
        /// <summary>Reading the request body off the connection.</summary>
        Read,

        /// <summary>JsonDocument.Parse.</summary>
        Parse,

        /// <summary>The known forms' Applies tests.</summary>
        KnownForms,

        /// <summary>The compiled schema (formats and x-rules included).</summary>
        Compiled,

        /// <summary>The full path (JsonSchema.Net), when the fast path did not decide.</summary>
        FullPath,

        /// <summary>Keys, raw texts and the SQLite inserts, in the request's transaction.</summary>
        Store,

        /// <summary>Serializing and writing the answer.</summary>
        Answer,
    }

    private readonly Lock _lock = new();
    private readonly long[] _ticks = new long[Enum.GetValues<Stage>().Length];
    private long _records;
    private long _requests;

    /// <summary>The profile of this process, or null when it is off.</summary>
    public static IntakeProfile? Current { get; } =
        Environment.GetEnvironmentVariable(Variable) == "1" ? new IntakeProfile() : null;

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to <paramref name="stage"/>; returns now.</summary>
    public long Add(Stage stage, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)stage], now - since);
        return now;
    }

    /// <summary>Counts one request of <paramref name="records"/> records; every <see cref="Every"/> requests, writes the sums.</summary>
    public void Done(int records)
    {
        lock (_lock)
        {
            _records += records;
            if (++_requests % Every != 0)
            {
                return;
            }

            var perRecord = string.Join(", ", Enum.GetValues<Stage>().Select(stage =>
                string.Create(CultureInfo.InvariantCulture, $"{stage} {Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)stage])).TotalMicroseconds / _records:F2}")));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"intake profile, {_requests} requests, {_records} records, µs per record: {perRecord}"));
        }
    }
}
