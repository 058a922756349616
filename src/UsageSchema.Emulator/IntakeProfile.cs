using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace UsageSchema.Emulator;

/// <summary>
/// Where the time of an AMIE <c>POST /usage</c> goes, stage by stage, when the environment variable
/// <see cref="Variable"/> is <c>1</c>: each stage's time is summed over the requests and written to
/// standard error as microseconds per record every <see cref="Every"/> requests. Off (and free) otherwise;
/// it is for the intake benchmark (<c>bench/UsageSchema.Benchmarks --emulator-intake</c>), not for tests.
/// </summary>
/// <remarks>
/// The stages that run on one thread without awaiting (parse, known forms, compiled check, full path, store) are
/// measured in the thread's CPU time (Linux's <c>CLOCK_THREAD_CPUTIME_ID</c>), which a busy machine does not inflate;
/// the two that await (reading the body, writing the answer) in wall time. Each line ends with the whole process's
/// CPU time per record over the same requests (every thread: Kestrel, the JIT's tiering, the GC), so what the stages
/// do not cover is the difference.
/// </remarks>
internal sealed class IntakeProfile
{
    /// <summary>The environment variable that turns the profile on.</summary>
    public const string Variable = "USAGESCHEMA_EMULATOR_PROFILE";

    private const int Every = 50;

    /// <summary>The stages of one request, in order.</summary>
    public enum Stage
    {
        /// <summary>Reading the request body off the connection (wall time).</summary>
        Read,

        /// <summary>JsonDocument.Parse.</summary>
        Parse,

        /// <summary>The known forms' Applies tests.</summary>
        KnownForms,

        /// <summary>The compiled schema (formats and x-rules included).</summary>
        Compiled,

        /// <summary>The full path (JsonSchema.Net), when the fast path did not decide.</summary>
        FullPath,

        /// <summary>Keys and the SQLite inserts, in the request's transaction.</summary>
        Store,

        /// <summary>Serializing and writing the answer (wall time).</summary>
        Answer,
    }

    private readonly Lock _lock = new();
    private readonly long[] _nanoseconds = new long[Enum.GetValues<Stage>().Length];
    private readonly bool _threadClock = OperatingSystem.IsLinux();
    private long _records;
    private long _requests;
    private TimeSpan _processStart;
    private long _processRecords;

    /// <summary>The profile of this process, or null when it is off.</summary>
    public static IntakeProfile? Current { get; } =
        Environment.GetEnvironmentVariable(Variable) == "1" ? new IntakeProfile() : null;

    /// <summary>True for the stages measured in wall time (they await).</summary>
    private static bool IsWall(Stage stage) => stage is Stage.Read or Stage.Answer;

    /// <summary>Now, on the clock of <paramref name="stage"/> (nanoseconds).</summary>
    public long Now(Stage stage) => IsWall(stage) || !_threadClock ? WallNow() : ThreadCpuNow();

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Now"/> of the same stage) to <paramref name="stage"/>; returns the start of the next stage on its clock.</summary>
    public long Add(Stage stage, long since)
    {
        Interlocked.Add(ref _nanoseconds[(int)stage], Now(stage) - since);
        return stage + 1 <= Stage.Answer ? Now(stage + 1) : 0;
    }

    /// <summary>Counts one request of <paramref name="records"/> records; every <see cref="Every"/> requests, writes the sums.</summary>
    public void Done(int records)
    {
        lock (_lock)
        {
            _records += records;
            _processRecords += records;
            if (++_requests % Every != 0)
            {
                return;
            }

            var process = Process.GetCurrentProcess().TotalProcessorTime;
            var processPerRecord = _processStart == TimeSpan.Zero ? double.NaN : (process - _processStart).TotalMicroseconds / _processRecords;
            _processStart = process;
            _processRecords = 0;
            var perRecord = string.Join(", ", Enum.GetValues<Stage>().Select(stage =>
                string.Create(CultureInfo.InvariantCulture, $"{stage} {Interlocked.Read(ref _nanoseconds[(int)stage]) / 1000.0 / _records:F2}")));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake profile, {_requests} requests, {_records} records, µs per record (Read and Answer wall, the rest {(_threadClock ? "thread CPU" : "wall")}): {perRecord}; process CPU over the last {Every} requests {processPerRecord:F2}"));
        }
    }

    private static long WallNow() => (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    private static long ThreadCpuNow() =>
        Native.ClockGetTime(Native.ThreadCpuTimeClock, out var value) == 0 ? (value.Seconds * 1_000_000_000L) + value.Nanoseconds : WallNow();

    private static class Native
    {
        /// <summary>Linux's <c>CLOCK_THREAD_CPUTIME_ID</c>.</summary>
        public const int ThreadCpuTimeClock = 3;

        [DllImport("libc", EntryPoint = "clock_gettime")]
        public static extern int ClockGetTime(int clock, out TimeSpec value);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
