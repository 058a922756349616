namespace UsageSchema.Perseus.Client;

/// <summary>The contingent a report uses, computed the way the PERSEUS portal computes it.</summary>
public static class UsedContingent
{
    /// <summary>
    /// <c>value × contingent_factor + Σ additional_resources[i].value × cf_i + Σ additional_metrics[i].value × cf_i</c>,
    /// where a missing contingent factor is 1 (the spec's default) and 0 means "shown, not counted".
    /// </summary>
    /// <param name="report">The report.</param>
    public static double Of(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var total = report.Value * (report.ContingentFactor ?? 1d);
        foreach (var resource in report.AdditionalResources ?? [])
        {
            if (resource is not null)
            {
                total += resource.Value * (resource.ContingentFactor ?? 1d);
            }
        }

        foreach (var metric in report.AdditionalMetrics ?? [])
        {
            if (metric is not null)
            {
                total += metric.Value * (metric.ContingentFactor ?? 1d);
            }
        }

        return total;
    }
}
