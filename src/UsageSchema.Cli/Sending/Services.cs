using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Sending;

/// <summary>Which service a record kind goes to, and how to name a service to a person.</summary>
internal static class Services
{
    public static UsageApi Of(RecordKind kind) => kind switch
    {
        RecordKind.Perseus => UsageApi.Perseus,
        RecordKind.Gateway => UsageApi.GatewayAttributes,
        _ => UsageApi.Amie,
    };

    public static string Describe(UsageApi service) => service switch
    {
        UsageApi.Amie => "AMIE Usage API",
        UsageApi.Perseus => "PERSEUS UsageReporting",
        _ => "Gateway Attributes API",
    };
}
