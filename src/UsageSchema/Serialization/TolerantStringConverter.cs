using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsageSchema.Serialization;

/// <summary>
/// Reads a string member from a JSON string or a JSON number, keeping the number's exact text
/// (<c>2.500000</c> stays <c>"2.500000"</c>); writes a plain JSON string.
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
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
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
