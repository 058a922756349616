using System.Text.Json;

namespace UsageSchema.Serialization;

/// <summary>
/// A generated type that writes its own wire form with direct <see cref="Utf8JsonWriter"/> calls:
/// byte for byte what <see cref="JsonSerializer"/> writes with <see cref="UsageJson.Options"/>, without
/// the serializer's per-call machinery. Emitted by the source generator for the record types whose
/// wire form is plain (see <c>JsonWriterEmitter</c>); the packer writes records through it.
/// </summary>
public interface IJsonWritable
{
    /// <summary>
    /// Writes the object as one JSON value. The writer must escape as <see cref="UsageJson.Options"/>
    /// do (its <see cref="JsonWriterOptions.Encoder"/> set to theirs), or <c>+05:00</c> would go out
    /// as <c>\u002B05:00</c>.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    void WriteJson(Utf8JsonWriter writer);

    /// <summary>
    /// Writes the object as one JSON value straight into <paramref name="buffer"/>, the same bytes as
    /// <see cref="WriteJson"/>; false when the object holds something only the
    /// <see cref="Utf8JsonWriter"/> path writes exactly (text to escape, a floating-point number,
    /// extension data, a null nested object). After false the caller truncates the buffer to where
    /// it was and writes the object through <see cref="WriteJson"/>.
    /// </summary>
    /// <param name="buffer">Where to write.</param>
    bool TryWriteJson(WireBuffer buffer);
}
