using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsageSchema.Serialization;

/// <summary>
/// Reads a string member from a JSON string or a JSON number, keeping the number's exact text
/// (<c>2.500000</c> stays <c>"2.500000"</c>), or from a one-element array of either; writes a plain
/// JSON string.
/// </summary>
/// <remarks>
/// Other AMIE clients send <c>"Charge": 2.5</c> and <c>"LocalRecordID": 42</c>; the spec types
/// them as strings and says readers accept both.
/// </remarks>
public sealed class TolerantStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ReadScalar(ref reader);
        }

        // The reference client wrote a stray one-element tuple on every compute record
        // ("ParentRecordID": [null]); such payloads are still read, as the value inside.
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return null;
        }

        var value = ReadScalar(ref reader);
        reader.Read();
        return reader.TokenType == JsonTokenType.EndArray
            ? value
            : throw new JsonException("Expected a string or a number, found an array of more than one value.");
    }

    private static string? ReadScalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.HasValueSequence
            ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
            : Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException($"Expected a string or a number, found {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
