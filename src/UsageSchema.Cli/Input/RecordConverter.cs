using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>Turns JSON objects into typed records, telling the type from the members (<see cref="RecordSniffer"/>) when it is not given.</summary>
internal static class RecordConverter
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <summary>
    /// Reads one JSON value: a <c>UsageMessage</c> (<c>{"UsageType", "Records"}</c>) gives one record per
    /// element, a record object gives one record. Every record and problem goes to <paramref name="sink"/>.
    /// </summary>
    public static void AddFrom(JsonNode? node, string location, Type? given, InputSink sink)
    {
        if (node is not JsonObject obj)
        {
            sink.Add(new InputProblem(location, null, $"expected a JSON object (a record or a UsageMessage), got {Describe(node)}"));
            return;
        }

        if (obj.ContainsKey(AmieMessageNames.Records) && obj.ContainsKey(AmieMessageNames.UsageType))
        {
            var usageType = obj[AmieMessageNames.UsageType] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (InputRecordTypes.OfUsageType(usageType) is not { } messageType)
            {
                sink.Add(new InputProblem(location, AmieMessageNames.UsageType, $"must be one of {InputRecordTypes.UsageTypeNames}; got {InputLimits.Quote(obj[AmieMessageNames.UsageType]?.ToJsonString())}"));
                return;
            }

            if (obj[AmieMessageNames.Records] is not JsonArray items)
            {
                sink.Add(new InputProblem(location, AmieMessageNames.Records, "must be an array of records"));
                return;
            }

            if (items.Count == 0)
            {
                // Said, not skipped: every line or element of a file ends up as records or as problems.
                sink.Add(new InputProblem(location.Length == 0 ? "file" : location, AmieMessageNames.Records, "the message has no records"));
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var itemLocation = Join(location, $"{AmieMessageNames.Records}[{i}]");
                if (items[i] is JsonObject item)
                {
                    Add(item, itemLocation, messageType, sink);
                }
                else
                {
                    sink.Add(new InputProblem(itemLocation, null, $"expected a record object, got {Describe(items[i])}"));
                }
            }

            return;
        }

        Add(obj, location, RecordSniffer.Of(obj, given), sink);
    }

    /// <summary>Deserializes one record object as <paramref name="type"/>.</summary>
    public static void Add(JsonObject obj, string location, Type type, InputSink sink)
    {
        if (RecordChecks.FindBadString(obj) is { } bad)
        {
            sink.Add(new InputProblem(location, bad.Field, bad.Message));
            return;
        }

        try
        {
            var record = obj.Deserialize(InputRecordTypes.TypeInfoOf(type)) as IUsageRecord;
            if (record is null)
            {
                sink.Add(new InputProblem(location, null, "the record is null"));
                return;
            }

            if (RecordChecks.FindNonFinite(record) is { } field)
            {
                sink.Add(new InputProblem(location, field, "must be a finite number; got NaN or infinity (or a number too large for a double)"));
                return;
            }

            sink.Add(new InputRecord(location, record));
        }
        catch (JsonException exception) when (MissingMember(exception) is { } missing)
        {
            sink.Add(new InputProblem(location, missing, "is required"));
        }
        catch (JsonException exception)
        {
            sink.Add(new InputProblem(location, FieldOf(exception.Path), "wrong type: " + Plain(exception.Message)));
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            sink.Add(new InputProblem(location, null, Plain(exception.Message)));
        }
    }

    /// <summary>
    /// Parses JSON text whose member names must be unique. On a syntax error, the fault names the
    /// line, column and member; null is returned with the fault.
    /// </summary>
    public static (JsonNode? Node, JsonSyntax.Fault? Fault) Parse(string text, bool lenient)
    {
        var documentOptions = new JsonDocumentOptions
        {
            AllowDuplicateProperties = false,
            AllowTrailingCommas = lenient,
            CommentHandling = lenient ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
        };
        try
        {
            return (JsonNode.Parse(text, NodeOptions, documentOptions), null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name with an escape that is not UTF-16 (\uD800),
            // read while looking for duplicate names.
            var readerOptions = new JsonReaderOptions { AllowTrailingCommas = lenient, CommentHandling = documentOptions.CommentHandling };
            var fault = JsonSyntax.Find(System.Text.Encoding.UTF8.GetBytes(text), readerOptions)
                ?? (exception is JsonException json
                    ? new JsonSyntax.Fault((json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1, FieldOf(json.Path), Plain(json.Message))
                    : new JsonSyntax.Fault(1, 1, null, Plain(exception.Message)));
            return (null, fault);
        }
    }

    /// <summary>
    /// The field a required-on-read member is missing from (the serializer's "missing required properties
    /// including: 'value'", PERSEUS's <c>value</c>, whose absence would otherwise read as 0); null for other faults.
    /// </summary>
    private static string? MissingMember(JsonException exception)
    {
        const string Marker = "missing required properties including: '";
        var at = exception.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var name = exception.Message[(at + Marker.Length)..];
        name = name[..Math.Max(0, name.IndexOf('\'', StringComparison.Ordinal))];
        return FieldOf(exception.Path) is { } parent ? $"{parent}.{name}" : name;
    }

    /// <summary><c>$.Attributes.NodeCount</c> → <c>Attributes.NodeCount</c>; null for the root.</summary>
    public static string? FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return null;
        }

        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    /// <summary>A System.Text.Json message without its trailing <c>Path: ... | LineNumber: ...</c>.</summary>
    public static string Plain(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        message = message.TrimEnd().TrimEnd('.');
        const string Prefix = "The JSON value could not be converted to ";
        if (message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var type = message[Prefix.Length..];
            return "expected " + (type switch
            {
                "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]" => "a whole number",
                "System.Double" or "System.Nullable`1[System.Double]" or "System.Decimal" => "a number",
                "System.String" => "a string",
                _ => type[(type.LastIndexOf('.') + 1)..],
            });
        }

        return message;
    }

    /// <summary><c>line 3</c> + <c>Records[1]</c> → <c>line 3, Records[1]</c>.</summary>
    public static string Join(string location, string inner) =>
        location.Length == 0 ? inner : location.EndsWith(']') && inner.StartsWith(AmieMessageNames.Records, StringComparison.Ordinal) ? $"{location}.{inner}" : $"{location}, {inner}";

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };
}
