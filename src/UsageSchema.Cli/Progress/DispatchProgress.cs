using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using UsageSchema.Outbox.Dispatch;

namespace UsageSchema.Cli.Progress;

/// <summary>
/// Shows how far an outbox pass has got, in records/s: a live bar on an interactive terminal, a plain
/// line every few seconds when standard error is redirected (a cron job's log), nothing when asked.
/// Always on standard error, so <c>--json</c> output on standard output stays clean.
/// </summary>
internal static class DispatchProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static async Task<DispatchReport> RunAsync(string label, long total, bool show, Func<IProgress<DispatchReport>?, Task<DispatchReport>> pass)
    {
        if (!show || total == 0)
        {
            return await pass(null).ConfigureAwait(false);
        }

        return Console.IsErrorRedirected ? await PlainAsync(label, total, pass).ConfigureAwait(false) : await LiveAsync(label, total, pass).ConfigureAwait(false);
    }

    private static async Task<DispatchReport> LiveAsync(string label, long total, Func<IProgress<DispatchReport>?, Task<DispatchReport>> pass)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        DispatchReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountColumn(), new RecordsPerSecondColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: total);
                report = await pass(new Progress(snapshot => task.Value = Done(snapshot))).ConfigureAwait(false);
                task.Value = Done(report);
                task.StopTask();
            }).ConfigureAwait(false);
        return report!;
    }

    private static async Task<DispatchReport> PlainAsync(string label, long total, Func<IProgress<DispatchReport>?, Task<DispatchReport>> pass)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var report = await pass(new Progress(snapshot =>
        {
            if (clock.Elapsed - last >= PlainInterval)
            {
                last = clock.Elapsed;
                Console.Error.WriteLine(Line(label, snapshot, total, clock.Elapsed));
            }
        })).ConfigureAwait(false);
        Console.Error.WriteLine(Line(label, report, total, clock.Elapsed));
        return report;
    }

    private static string Line(string label, DispatchReport report, long total, TimeSpan elapsed)
    {
        var done = Done(report);
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{label}: {done:N0}/{total:N0} records ({report.Delivered:N0} delivered, {report.Rejected:N0} rejected, {report.Released:N0} to retry), {rate:N0} records/s");
    }

    private static long Done(DispatchReport report) => report.Delivered + report.Rejected;

    /// <summary>Calls back on the reporting thread: <see cref="Progress{T}"/> would post to the thread pool and report late or out of order.</summary>
    private sealed class Progress(Action<DispatchReport> onReport) : IProgress<DispatchReport>
    {
        public void Report(DispatchReport value) => onReport(value);
    }
}
