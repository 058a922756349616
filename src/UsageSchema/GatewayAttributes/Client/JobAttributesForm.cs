using System.Text.Json;
using Form = UsageSchema.GatewayAttributes.GatewayAttributesOperations.Names.SubmitJobAttributes;

namespace UsageSchema.GatewayAttributes.Client;

/// <summary>
/// The form fields of a submission, in the spec's order: the gateway user, the resource name, the job
/// id, the submission time, then the software and the debug flag when set, then any unknown fields
/// the caller added, then the legacy key field only when it is configured. Every field name is the
/// spec's (<see cref="GatewayAttributesOperations.SubmitJobAttributes"/>).
/// </summary>
internal static class JobAttributesForm
{
    private static readonly HashSet<string> KnownFields = new(
        GatewayAttributesOperations.SubmitJobAttributes.FormFields.Append(GatewayAttributesOperations.SecuritySchemes.LegacyApiKeyField),
        StringComparer.OrdinalIgnoreCase);

    public static List<KeyValuePair<string, string>> Fields(JobAttributes attributes, string? debug, string? legacyApiKey)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(Form.GatewayUser, attributes.GatewayUser),
            new(Form.XsedeResourceName, attributes.XsedeResourceName),
            new(Form.JobId, attributes.JobId),
            new(Form.SubmitTime, attributes.SubmitTime),
        };
        if (attributes.Software is { } software)
        {
            fields.Add(new(Form.Software, software));
        }

        if ((debug ?? attributes.Debug) is { } debugValue)
        {
            fields.Add(new(Form.Debug, debugValue));
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
            fields.Add(new(GatewayAttributesOperations.SecuritySchemes.LegacyApiKeyField, legacyApiKey));
        }

        return fields;
    }

    // A form field is text: a JSON string goes as its value, null (or an unset element) not at all,
    // any other JSON value as its JSON text (a number as written, an object or array as JSON).
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
