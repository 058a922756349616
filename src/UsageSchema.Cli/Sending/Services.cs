using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Sending;

/// <summary>Which service a record kind goes to, and how to name a service to a person.</summary>
internal static class Services
{
    public static ServiceKind Of(RecordKind kind) => kind switch
    {
        RecordKind.Perseus => ServiceKind.Perseus,
        RecordKind.Gateway => ServiceKind.Gateway,
        _ => ServiceKind.Amie,
    };

    public static string Describe(ServiceKind service) => service switch
    {
        ServiceKind.Amie => "AMIE Usage API",
        ServiceKind.Perseus => "PERSEUS UsageReporting",
        _ => "Gateway Attributes API",
    };
}
