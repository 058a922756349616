namespace UsageSchema.Cli.Sending;

/// <summary>How to name a service to a person (which service a record goes to is its <see cref="IUsageRecord.Api"/>).</summary>
internal static class Services
{
    /// <summary>Width of the label column of <see cref="Listing(string, string)"/>: the longest display name and its colon.</summary>
    private static readonly int LabelWidth = UsageApiNames.All.Max(api => UsageApiNames.DisplayName(api).Length) + 2;

    /// <summary>The service's name for people: <see cref="UsageApiNames.DisplayName(UsageApi)"/>, the library's one place.</summary>
    public static string Describe(UsageApi service) => UsageApiNames.DisplayName(service);

    /// <summary>One line of a service listing (<c>emulate</c>, <c>demo</c>): the service's name, then the value, aligned.</summary>
    public static string Listing(UsageApi service, string value) => Listing(Describe(service), value);

    /// <summary>One line of a service listing with any label, aligned with the services' lines.</summary>
    public static string Listing(string label, string value) => "  " + (label + ":").PadRight(LabelWidth) + value;
}
