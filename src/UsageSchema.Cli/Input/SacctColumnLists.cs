namespace UsageSchema.Cli.Input;

/// <summary>
/// The column lists of headerless sacct files (<c>sacct --noheader --format ...</c>): the ones Open XDMoD's
/// Slurm shredder asks sites to produce, by name, or a list given by hand.
/// </summary>
public static class SacctColumnLists
{
    /// <summary>
    /// The names <c>--sacct-columns</c> knows. <c>xdmod</c> is the list of Open XDMoD 10.0 and later
    /// (open.xdmod.org/10.0/resource-manager-slurm.html); <c>xdmod-reqgres</c> the list of the 6.x
    /// documentation (open.xdmod.org/6.6/resource-manager-slurm.html: no <c>qos</c>, <c>reqgres</c>
    /// before <c>reqtres</c>, no <c>alloctres</c>); <c>xdmod-noqos</c> the current list without <c>qos</c>,
    /// as sites that kept an older script before <c>qos</c> was added still produce it.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Named { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["xdmod"] = Split("jobid,jobidraw,cluster,partition,qos,account,group,gid,user,uid,submit,eligible,start,end,elapsed,exitcode,state,nnodes,ncpus,reqcpus,reqmem,reqtres,alloctres,timelimit,nodelist,jobname"),
        ["xdmod-noqos"] = Split("jobid,jobidraw,cluster,partition,account,group,gid,user,uid,submit,eligible,start,end,elapsed,exitcode,state,nnodes,ncpus,reqcpus,reqmem,reqtres,alloctres,timelimit,nodelist,jobname"),
        ["xdmod-reqgres"] = Split("jobid,jobidraw,cluster,partition,account,group,gid,user,uid,submit,eligible,start,end,elapsed,exitcode,state,nnodes,ncpus,reqcpus,reqmem,reqgres,reqtres,timelimit,nodelist,jobname"),
    };

    /// <summary>
    /// The columns <paramref name="text"/> names: one of <see cref="Named"/>, or a comma-separated list as
    /// given to <c>sacct --format</c> (a <c>%N</c> width suffix is dropped: <c>--parsable2</c> ignores it).
    /// </summary>
    /// <exception cref="ArgumentException">The text names no list, or a column name is empty.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Named.TryGetValue(text.Trim(), out var named))
        {
            return named;
        }

        if (!text.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"--sacct-columns '{text}' is neither a known list ({string.Join(", ", Named.Keys)}) nor a comma-separated list of sacct columns.", nameof(text));
        }

        var columns = Split(text);
        if (columns.Any(column => column.Length == 0))
        {
            throw new ArgumentException($"--sacct-columns '{text}' has an empty column name.", nameof(text));
        }

        return columns;
    }

    private static string[] Split(string text) =>
        [.. text.Split(',').Select(column => column.Trim()).Select(column => column.IndexOf('%', StringComparison.Ordinal) is var at and >= 0 ? column[..at] : column)];
}
