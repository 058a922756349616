using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsageSchema.Serialization;

/// <summary>
/// Reads a <c>format: decimal</c> member (AMIE's <c>Charge</c>) from a JSON string or number in any
/// spelling (<c>1e-05</c>, <c>+2.5</c>, <c>2.5</c>) as its plain decimal text, and always writes the
/// plain decimal string (<c>"0.00001"</c>). Text that is not a number is kept as it came, so that
/// validation names the member and quotes the value.
/// </summary>
public sealed class DecimalTextConverter : JsonConverter<string>
{
    /// <summary>The one instance; it holds no state.</summary>
    public static DecimalTextConverter Instance { get; } = new();

    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            JsonTokenType.Number => reader.HasValueSequence
                ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
                : Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException($"Expected a decimal number as a string or a number, found {reader.TokenType}."),
        };
        return text is null ? null : DecimalText.ToPlain(text) ?? text;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(DecimalText.ToPlain(value) ?? value);
    }
}
