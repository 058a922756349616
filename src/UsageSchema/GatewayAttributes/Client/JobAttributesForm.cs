using System.Globalization;
using System.Text.Json;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>
/// The form fields of a submission, in the spec's order: <c>gatewayuser</c>, <c>xsederesourcename</c>,
/// <c>jobid</c>, <c>submittime</c>, then <c>software</c> and <c>debug</c> when set, then any unknown
/// fields the caller added, then <c>apikey</c> only when the legacy field is configured.
/// </summary>
internal static class JobAttributesForm
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "gatewayuser", "xsederesourcename", "jobid", "submittime", "software", "debug", "apikey",
    };

    public static List<KeyValuePair<string, string>> Fields(JobAttributes attributes, string? debug, string? legacyApiKey)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("gatewayuser", attributes.GatewayUser),
            new("xsederesourcename", attributes.XsedeResourceName),
            new("jobid", attributes.JobId),
            new("submittime", attributes.SubmitTime),
        };
        if (attributes.Software is { } software)
        {
            fields.Add(new("software", software));
        }

        if ((debug ?? attributes.Debug) is { } debugValue)
        {
            fields.Add(new("debug", debugValue));
        }

        // The optional usage and VM-id attributes have no public names; whatever the caller put in
        // AdditionalProperties goes out as sent. The key never goes this way (see below).
        foreach (var (name, value) in attributes.AdditionalProperties)
        {
            if (!KnownFields.Contains(name) && Text(value) is { } text)
            {
                fields.Add(new(name, text));
            }
        }

        // JobAttributes.ApiKey is ignored on purpose: the key is the client's setting, never the record's.
        if (legacyApiKey is not null)
        {
            fields.Add(new("apikey", legacyApiKey));
        }

        return fields;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
