namespace UsageSchema.Cli.Tests;

/// <summary>
/// For end-to-end tests whose expectations follow from today's UTC date while the CLI processes they start work out
/// their own default window from the clock: a run that crosses midnight UTC sees two dates a day apart. A run that
/// fails after the date changed is run once more, from scratch, which cannot cross midnight again; a failure within
/// one day stands.
/// </summary>
internal static class WithinOneUtcDay
{
    public static async Task RunAsync(Func<DateOnly, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var today = Today();
        try
        {
            await run(today);
            return;
        }
        catch (Exception) when (Today() != today)
        {
        }

        await run(Today());
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
