namespace UsageSchema.Cli.Sending;

/// <summary>How to name a service to a person (which service a record goes to is its <see cref="IUsageRecord.Api"/>).</summary>
internal static class Services
{
    public static string Describe(UsageApi service) => service switch
    {
        UsageApi.Amie => "AMIE Usage API",
        UsageApi.Perseus => "PERSEUS UsageReporting",
        _ => "Gateway Attributes API",
    };
}
