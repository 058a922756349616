namespace UsageSchema.Cli.Input;

/// <summary>
/// Slurm's job states as <c>sacct</c> prints them (the JOB STATE CODES of <c>man sacct</c>, and the
/// transient states <c>squeue</c> shows that sacct can also print), and which of them are finished usage.
/// </summary>
public static class SacctJobStates
{
    /// <summary>
    /// The states that become records by default: the job has ended, and what it used is final.
    /// A job that ended without starting (a <c>CANCELLED</c> or <c>BOOT_FAIL</c> job whose <c>Start</c> is
    /// <c>Unknown</c>) is still skipped: it used nothing.
    /// </summary>
    public static IReadOnlySet<string> Ended { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "BOOT_FAIL", "CANCELLED", "COMPLETED", "DEADLINE", "FAILED", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "TIMEOUT",
    };

    /// <summary>
    /// The states that are skipped, each with why: the job is not finished (its usage would be charged
    /// in part, and the final row, with the same <c>JobID</c>, would then be a duplicate), or this row is
    /// not the run that is charged.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NotEnded { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["PENDING"] = "not started yet",
        ["RUNNING"] = "still running; charged once it has ended",
        ["SUSPENDED"] = "suspended; charged once it has ended",
        ["RESIZING"] = "being resized; charged once it has ended",
        ["REQUEUED"] = "requeued; the run that ends is charged",
        ["REQUEUE_FED"] = "requeued; the run that ends is charged",
        ["REQUEUE_HOLD"] = "held for requeue; the run that ends is charged",
        ["SPECIAL_EXIT"] = "held for requeue after a special exit; the run that ends is charged",
        ["REVOKED"] = "revoked: a federated sibling of the job ran on another cluster",
        ["CONFIGURING"] = "its nodes are being configured; charged once it has ended",
        ["COMPLETING"] = "still completing; charged once it has ended",
        ["STAGE_OUT"] = "staging out; charged once it has ended",
        ["SIGNALING"] = "being signalled; charged once it has ended",
        ["STOPPED"] = "stopped; charged once it has ended",
        ["RESV_DEL_HOLD"] = "held; charged once it has ended",
        ["POWER_UP_NODE"] = "waiting for its nodes to power up",
    };

    /// <summary>
    /// The state's name in a <c>State</c> cell: <c>CANCELLED by 12345</c> is <c>CANCELLED</c>, and the
    /// <c>+</c> of a state cut to its column width is dropped; upper case.
    /// </summary>
    public static string NameOf(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var text = cell.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? text : text[..space]).TrimEnd('+').ToUpperInvariant();
    }

    /// <summary>Whether <paramref name="name"/> is a Slurm job state.</summary>
    public static bool IsKnown(string name) => Ended.Contains(name) || NotEnded.ContainsKey(name);

    /// <summary>The states of <c>--states</c>: a comma-separated list of state names, any case.</summary>
    /// <exception cref="ArgumentException">A name is not a Slurm job state.</exception>
    public static IReadOnlySet<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(NameOf).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("--states names no state; give e.g. --states COMPLETED,FAILED,TIMEOUT.", nameof(text));
        }

        var unknown = names.Where(name => !IsKnown(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"--states: {string.Join(", ", unknown)} is not a Slurm job state; known: {string.Join(", ", Ended.Concat(NotEnded.Keys))}.", nameof(text));
        }

        return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }
}
