using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// What the live services are documented or seen to accept where this project's spec is stricter
/// (or where only HTTP itself decides), each with its public source. The acceptance engine reads a
/// body through these before the spec judges it; the wire-form corpus has a case for each.
/// </summary>
/// <remarks>
/// Each form is a fact about a live service's reading of one member, kept beside its source rather
/// than in the spec, which states what clients send. The members are named by the generated types'
/// C# names (<see cref="WireName"/>), so their wire names stay the spec's. Each reading has an
/// <see cref="KnownForm.Applies"/> test on the parsed body, so a body no form touches is judged as
/// sent, without a copy.
/// </remarks>
internal static class KnownForms
{
    // The members the forms read, by their generated C# names (the wire names are the spec's).
    private static readonly string Records = WireName.Of<ComputeUsageMessage>(nameof(ComputeUsageMessage.Records));
    private static readonly string ParentRecordId = WireName.Of<ComputeUsageRecord>(nameof(ComputeUsageRecord.ParentRecordId));
    private static readonly string Charge = WireName.Of<ComputeUsageRecord>(nameof(ComputeUsageRecord.Charge));
    private static readonly string LocalRecordId = WireName.Of<ComputeUsageRecord>(nameof(ComputeUsageRecord.LocalRecordId));
    private static readonly string Attributes = WireName.Of<ComputeUsageRecord>(nameof(ComputeUsageRecord.Attributes));
    private static readonly string Memory = WireName.Of<ComputeAttributes>(nameof(ComputeAttributes.Memory));
    private static readonly string CollectionInterval = WireName.Of<StorageAttributes>(nameof(StorageAttributes.CollectionInterval));
    private static readonly string SubmitTime = WireName.Of<JobAttributes>(nameof(JobAttributes.SubmitTime));

    // The same names in UTF-8, for the Applies tests on the parsed body (no transcoding per record).
    private static readonly byte[] RecordsU8 = Encoding.UTF8.GetBytes(Records);
    private static readonly byte[] ParentRecordIdU8 = Encoding.UTF8.GetBytes(ParentRecordId);
    private static readonly byte[] ChargeU8 = Encoding.UTF8.GetBytes(Charge);
    private static readonly byte[] LocalRecordIdU8 = Encoding.UTF8.GetBytes(LocalRecordId);
    private static readonly byte[] AttributesU8 = Encoding.UTF8.GetBytes(Attributes);
    private static readonly byte[] MemoryU8 = Encoding.UTF8.GetBytes(Memory);
    private static readonly byte[] CollectionIntervalU8 = Encoding.UTF8.GetBytes(CollectionInterval);

    /// <summary>The attributes the spec types as numbers (every numeric member of the attribute types); amieclient's documentation types each as <c>str</c>.</summary>
    private static readonly string[] NumericAttributes = [.. NumericMembers<ComputeAttributes>().Concat(NumericMembers<StorageAttributes>()).Distinct(StringComparer.Ordinal)];

    private static readonly byte[][] NumericAttributesU8 = [.. NumericAttributes.Select(Encoding.UTF8.GetBytes)];

    public static IReadOnlyList<KnownForm> All { get; } =
    [
        new("amie.trailing-slash", UsageApi.Amie, "POST /usage/ with a trailing slash, as amieclient 0.6.1 posts.",
            "amieclient 0.6.1 UsageClient posts to /usage/, other public clients to /usage, both in production [CODE]"),
        new("amie.header-spellings", UsageApi.Amie, "XA-API-KEY / XA-SITE in any spelling: XA-Api-Key, xa-api-key, XA-Site.",
            "amieclient 0.6.1 sends XA-API-KEY / XA-SITE, other public clients XA-Api-Key / XA-Site [CODE]; header names are case-insensitive (RFC 9110 §5.1)"),
        new("amie.parent-record-id-null-array", UsageApi.Amie, "\"ParentRecordID\": [null] (amieclient's stray tuple) read as absent; [\"x\"] as \"x\".",
            "amieclient 0.6.1 ComputeUsageRecord sends a one-element tuple on every compute record, and the live service takes it [CODE]", EachRecord(ParentRecordAsString),
            AnyRecord(record => Kind(record, ParentRecordIdU8) == JsonValueKind.Array)),
        new("amie.charge-number", UsageApi.Amie, "Charge as a JSON number (2.5, 1e-05), read as its decimal text.",
            "public site scripts send Charge as a JSON number straight from a database [CODE]; Python's json.dumps(0.00001) writes 1e-05", EachRecord(record => ChargeAsDecimalText(record, JsonValueKind.Number)),
            AnyRecord(record => Kind(record, ChargeU8) == JsonValueKind.Number)),
        new("amie.charge-float-text", UsageApi.Amie, "Charge as text in exponent form (\"1e-05\") or with a sign (\"+2.5\"), read as its decimal text.",
            "public clients format Charge with Python's float text (1e-05) or a sign [CODE]", EachRecord(record => ChargeAsDecimalText(record, JsonValueKind.String)),
            AnyRecord(record => record.TryGetProperty(ChargeU8, out var charge) && charge.ValueKind == JsonValueKind.String && charge.GetString()!.AsSpan().IndexOfAny("eE+") >= 0)),
        new("amie.local-record-id-integer", UsageApi.Amie, "LocalRecordID as a JSON integer, read as its text.",
            "public clients send LocalRecordID as a string and as an integer (a Slurm job id) [CODE]", EachRecord(record => NumberAsText(record, LocalRecordId)),
            AnyRecord(record => Kind(record, LocalRecordIdU8) == JsonValueKind.Number)),
        new("amie.null-attributes", UsageApi.Amie, "Attribute values sent as null, read as absent.",
            "public site scripts send unset attribute values as null [CODE]", EachRecord(NullAttributesAbsent),
            AnyAttributes(attributes => attributes.EnumerateObject().Any(member => member.Value.ValueKind == JsonValueKind.Null))),
        new("amie.numeric-text-attributes", UsageApi.Amie, "Numeric attributes (NodeCount, CpuCoreCount, Memory, the storage counts and sizes) sent as numeric text (\"1\", \"10737418240\"), read as numbers.",
            "amieclient 0.6.1 documents every attribute as str (node_count (str), bytes_stored (str)) and sends what it is given [CODE]", EachRecord(NumericTextAttributes),
            AnyAttributes(attributes => Array.Exists(NumericAttributesU8, name => Kind(attributes, name) == JsonValueKind.String))),
        new("amie.memory-non-integer", UsageApi.Amie, "Attributes.Memory as a non-integer number, accepted (checked by its integer part).",
            "amieclient 0.6.1 documents Memory as \"??? Max memory for a node? Bytes?\", a site's script as \"memory in MB???\" [CODE]: unit and type [UNKNOWN]", EachRecord(record => IntegerPart(record, Memory)),
            AnyAttributes(attributes => NonInteger(attributes, MemoryU8))),
        new("amie.collection-interval-non-integer", UsageApi.Amie, "Attributes.CollectionInterval as a non-integer number of days, accepted (checked by its integer part).",
            "amieclient 0.6.1 documents every storage attribute as str [CODE]; the service's type is [UNKNOWN]", EachRecord(record => IntegerPart(record, CollectionInterval)),
            AnyAttributes(attributes => NonInteger(attributes, CollectionIntervalU8))),
        new("gateway.submittime-live-forms", UsageApi.GatewayAttributes, "submittime in every live form: no seconds, zone abbreviation (PST, UTC), -07:00, -0700, Z, T separator, fractional seconds, no zone.",
            "public gateway scripts: date '+%F %T %:z', yyyy-MM-dd HH:mm:ss, '%Y-%m-%d %H:%M UTC' (a GIS gateway), '%Y-%m-%d %H:%M %Z' (COSMIC²) [CODE]", SubmitTimeCanonical,
            body => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(SubmitTime, out var time) && time.ValueKind == JsonValueKind.String && Canonical(time.GetString()) is not null),
        new("gateway.legacy-apikey-field", UsageApi.GatewayAttributes, "The key as the legacy form field apikey=<key> instead of the XA-API-Key header.",
            "https://allocations-api.access-ci.org/acdb/api/gateways: the legacy form field apikey is still supported [DOC]"),
        new("gateway.header-spellings", UsageApi.GatewayAttributes, "XA-API-Key in any spelling, XA-API-KEY as the route list writes it.",
            "https://allocations-api.access-ci.org/acdb/apidoc/1.0.html writes XA-API-KEY, the gateway docs XA-API-Key [DOC]; header names are case-insensitive (RFC 9110 §5.1)"),
    ];

    /// <summary>The forms of one service that rewrite a body.</summary>
    public static IEnumerable<KnownForm> Readings(UsageApi service) => All.Where(form => form.Service == service && form.Read is not null);

    /// <summary>True when some form of <paramref name="service"/> may rewrite <paramref name="body"/> (a form without <see cref="KnownForm.Applies"/> always may).</summary>
    public static bool AnyApplies(UsageApi service, JsonElement body)
    {
        if (service == UsageApi.Amie && !AnyAmieCandidate(body))
        {
            return false;
        }

        foreach (var form in Readings(service))
        {
            if (form.Applies?.Invoke(body) ?? true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The quick reject of the AMIE forms, in one pass over each record's members: false only when no record has a
    /// member that some AMIE reading reads and may change, which is every reading's own <see cref="KnownForm.Applies"/>
    /// widened: a top-level member sent as a JSON number or array (ParentRecordID, Charge, LocalRecordID), a Charge text
    /// with an exponent, a sign or an escape, or an attribute sent as null, as a numeric attribute's text, or as a number
    /// with a fraction or an exponent. Every AMIE reading reads only these; the differential tests
    /// (<c>CompiledSchemaTests</c>) fail if one would read a body this passes.
    /// </summary>
    private static bool AnyAmieCandidate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(RecordsU8, out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind == JsonValueKind.Object && AmieCandidate(record))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AmieCandidate(JsonElement record)
    {
        foreach (var member in record.EnumerateObject())
        {
            var value = member.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Number or JsonValueKind.Array:
                    return true;
                case JsonValueKind.String when member.NameEquals(ChargeU8) && System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value).IndexOfAny("eE+\\"u8) >= 0:
                    return true;
                case JsonValueKind.Object when member.NameEquals(AttributesU8) && AttributesCandidate(value):
                    return true;
            }
        }

        return false;
    }

    private static bool AttributesCandidate(JsonElement attributes)
    {
        foreach (var member in attributes.EnumerateObject())
        {
            var value = member.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return true;
                case JsonValueKind.Number when System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value).IndexOfAny(".eE"u8) >= 0:
                    return true;
                case JsonValueKind.String when IsNumericAttribute(member):
                    return true;
            }
        }

        return false;
    }

    private static bool IsNumericAttribute(JsonProperty member)
    {
        foreach (var name in NumericAttributesU8)
        {
            if (member.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> NumericMembers<T>() =>
        typeof(T).GetProperties().Where(property => IsNumber(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            .Select(property => WireName.Of<T>(property.Name));

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) || type == typeof(float);

    private static JsonValueKind Kind(JsonElement target, byte[] name) =>
        target.TryGetProperty(name, out var value) ? value.ValueKind : JsonValueKind.Undefined;

    private static bool NonInteger(JsonElement attributes, byte[] name) =>
        attributes.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0;

    private static Func<JsonElement, bool> AnyRecord(Func<JsonElement, bool> applies) => body =>
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(RecordsU8, out var records) && records.ValueKind == JsonValueKind.Array)
        {
            foreach (var record in records.EnumerateArray())
            {
                if (record.ValueKind == JsonValueKind.Object && applies(record))
                {
                    return true;
                }
            }
        }

        return false;
    };

    private static Func<JsonElement, bool> AnyAttributes(Func<JsonElement, bool> applies) =>
        AnyRecord(record => record.TryGetProperty(AttributesU8, out var attributes) && attributes.ValueKind == JsonValueKind.Object && applies(attributes));

    private static Func<JsonNode, bool> EachRecord(Func<JsonObject, bool> read) => body =>
    {
        var changed = false;
        if (body is JsonObject { } message && message[Records] is JsonArray records)
        {
            foreach (var record in records.OfType<JsonObject>())
            {
                changed |= read(record);
            }
        }

        return changed;
    };

    private static bool ParentRecordAsString(JsonObject record)
    {
        if (record[ParentRecordId] is not JsonArray parent)
        {
            return false;
        }

        if (parent.All(item => item is null))
        {
            record.Remove(ParentRecordId);
            return true;
        }

        if (parent is [JsonValue value] && value.GetValueKind() == JsonValueKind.String)
        {
            record[ParentRecordId] = value.GetValue<string>();
            return true;
        }

        return false;
    }

    private static bool ChargeAsDecimalText(JsonObject record, JsonValueKind kind)
    {
        if (record[Charge] is not JsonValue charge || charge.GetValueKind() != kind)
        {
            return false;
        }

        var text = kind == JsonValueKind.Number ? charge.ToJsonString() : charge.GetValue<string>().Trim();
        if (kind == JsonValueKind.String && !text.Contains('e', StringComparison.OrdinalIgnoreCase) && !text.StartsWith('+'))
        {
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        record[Charge] = value.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool NumberAsText(JsonObject record, string name)
    {
        if (record[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        record[name] = value.ToJsonString();
        return true;
    }

    private static bool NullAttributesAbsent(JsonObject record)
    {
        if (record[Attributes] is not JsonObject attributes)
        {
            return false;
        }

        var nulls = attributes.Where(entry => entry.Value is null).Select(entry => entry.Key).ToList();
        nulls.ForEach(name => attributes.Remove(name));
        return nulls.Count > 0;
    }

    private static bool NumericTextAttributes(JsonObject record)
    {
        if (record[Attributes] is not JsonObject attributes)
        {
            return false;
        }

        var changed = false;
        foreach (var name in NumericAttributes)
        {
            if (attributes[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && decimal.TryParse(value.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
            {
                // A whole number stays an integer on the wire (10737418240, not 10737418240.0), so the spec's integer type can judge it.
                attributes[name] = number == decimal.Truncate(number) && Math.Abs(number) <= long.MaxValue ? JsonValue.Create((long)number) : JsonValue.Create(number);
                changed = true;
            }
        }

        return changed;
    }

    private static bool IntegerPart(JsonObject record, string attribute)
    {
        if (record[Attributes] is not JsonObject attributes || attributes[attribute] is not JsonValue value
            || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<double>(out var number) || number == Math.Truncate(number)
            || Math.Abs(number) > long.MaxValue)
        {
            return false;
        }

        attributes[attribute] = (long)Math.Truncate(number);
        return true;
    }

    private static bool SubmitTimeCanonical(JsonNode body)
    {
        if (body[SubmitTime] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || Canonical(value.GetValue<string>()) is not { } canonical)
        {
            return false;
        }

        body[SubmitTime] = canonical;
        return true;
    }

    /// <summary>The canonical text of a live-form submit time, or null when it is not one or already canonical.</summary>
    private static string? Canonical(string? text)
    {
        if (!GatewaySubmitTime.TryParse(text, out var time))
        {
            return null;
        }

        var canonical = time.ToString(GatewaySubmitTime.CanonicalFormat, CultureInfo.InvariantCulture);
        return canonical == text ? null : canonical;
    }
}
