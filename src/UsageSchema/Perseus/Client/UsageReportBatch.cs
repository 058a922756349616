namespace UsageSchema.Perseus.Client;

/// <summary>
/// Prepares a batch of reports for PERSEUS's upsert rule: a report whose upsert key (project, compute
/// project, resource, window, user, partition, priority; the window compared as instants) matches a
/// later report's is superseded by it, so only the last version of each is sent.
/// </summary>
public static class UsageReportBatch
{
    /// <summary>
    /// The reports left once every report superseded by a later one with an equal upsert key is
    /// dropped, in their input order; and how many were dropped.
    /// </summary>
    /// <remarks>
    /// Equality is <see cref="EqualityComparer{T}.Default"/> of <see cref="UsageReport"/>, which the
    /// spec's source generator makes upsert-key equality from <c>x-upsert-key</c>. Nulls are kept, for
    /// the caller to report.
    /// </remarks>
    /// <param name="reports">The batch, in the order the caller means it.</param>
    public static (IReadOnlyList<UsageReport?> Reports, int CollapsedCount) Collapse(IReadOnlyList<UsageReport?> reports)
    {
        var kept = KeptIndexes(reports);
        return (kept.ConvertAll(index => reports[index]), reports.Count - kept.Count);
    }

    /// <summary>The input positions of the reports <see cref="Collapse"/> keeps, ascending.</summary>
    internal static List<int> KeptIndexes(IReadOnlyList<UsageReport?> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var seen = new HashSet<UsageReport>(EqualityComparer<UsageReport>.Default);
        var kept = new List<int>(reports.Count);

        // Backwards: the first time a key is seen is its last version.
        for (var i = reports.Count - 1; i >= 0; i--)
        {
            if (reports[i] is not { } report || seen.Add(report))
            {
                kept.Add(i);
            }
        }

        kept.Reverse();
        return kept;
    }
}
