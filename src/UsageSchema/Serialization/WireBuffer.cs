using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace UsageSchema.Serialization;

/// <summary>
/// A pooled, growable UTF-8 buffer that generated writers (<see cref="IJsonWritable.TryWriteJson"/>)
/// write JSON into byte by byte, and that a <see cref="System.Text.Json.Utf8JsonWriter"/> can write
/// into too (<see cref="IBufferWriter{T}"/>): the packer writes each record straight into its request
/// body, either way, and rolls a record back with <see cref="Truncate"/>.
/// </summary>
/// <remarks>
/// <para>It writes only what it can write exactly as <see cref="System.Text.Json.Utf8JsonWriter"/>
/// does with <see cref="UsageJson.Options"/>' encoder: a string that is not valid UTF-16 or that the
/// encoder would escape makes <see cref="TryWriteString"/> return false, and the caller writes the
/// whole value again through <see cref="System.Text.Json.Utf8JsonWriter"/>. What remains (names known at
/// compile time, unescaped text, numbers as <see cref="Utf8Formatter"/> writes them, booleans) has one
/// spelling.</para>
/// <para>Public only because generated code calls it; not meant to be called by hand.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WireBuffer : IBufferWriter<byte>
{
    // The most UTF-8 bytes one UTF-16 char can become (a surrogate pair: 4 bytes for 2 chars).
    private const int MaxBytesPerChar = 3;

    // The options' encoder, which decides what a string may hold unescaped (see UsageJson).
    private static readonly JavaScriptEncoder Encoder = UsageJson.Options.Encoder ?? JavaScriptEncoder.Default;

    private byte[] _buffer;
    private int _length;

    // Whether the next member needs a comma before it: a value has been written at this level.
    private bool _afterValue;

    /// <summary>Creates a buffer of at least <paramref name="capacity"/> bytes, rented from the shared pool.</summary>
    public WireBuffer(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    /// <summary>How many bytes have been written.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Forgets everything written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
        _afterValue = false;
    }

    /// <summary>Appends <paramref name="bytes"/> as they are.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Starts an object: <c>{</c>.</summary>
    public void WriteStartObject()
    {
        Reserve(1);
        _buffer[_length++] = (byte)'{';
        _afterValue = false;
    }

    /// <summary>Ends an object: <c>}</c>.</summary>
    public void WriteEndObject()
    {
        Reserve(1);
        _buffer[_length++] = (byte)'}';
        _afterValue = true;
    }

    /// <summary>Writes a member's name, a comma before it unless it is the object's first.</summary>
    /// <param name="quotedName">The name as it goes out, quotes and colon included: <c>"Charge":</c>.</param>
    public void WritePropertyName(ReadOnlySpan<byte> quotedName)
    {
        Reserve(quotedName.Length + 1);
        if (_afterValue)
        {
            _buffer[_length++] = (byte)',';
        }

        quotedName.CopyTo(_buffer.AsSpan(_length));
        _length += quotedName.Length;
        _afterValue = false;
    }

    /// <summary>
    /// Writes a member whose value is a string; false, with the buffer in an undefined state past
    /// what was written before, when the value is not valid UTF-16 or would need escaping.
    /// </summary>
    public bool TryWriteString(ReadOnlySpan<byte> quotedName, string value)
    {
        WritePropertyName(quotedName);
        Reserve((value.Length * MaxBytesPerChar) + 2);
        var destination = _buffer.AsSpan(_length + 1);
        if (Utf8.FromUtf16(value, destination, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done
            || Encoder.FindFirstCharacterToEncodeUtf8(destination[..written]) >= 0)
        {
            return false;
        }

        _buffer[_length] = (byte)'"';
        _buffer[_length + 1 + written] = (byte)'"';
        _length += written + 2;
        _afterValue = true;
        return true;
    }

    /// <summary>Writes a member whose value is an integer, as <see cref="Utf8Formatter"/> spells it (as the serializer does).</summary>
    public void WriteNumber(ReadOnlySpan<byte> quotedName, long value)
    {
        WritePropertyName(quotedName);
        Reserve(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        _afterValue = true;
    }

    /// <summary>Writes a member whose value is a decimal number, as <see cref="Utf8Formatter"/> spells it (as the serializer does).</summary>
    public void WriteNumber(ReadOnlySpan<byte> quotedName, decimal value)
    {
        WritePropertyName(quotedName);
        Reserve(64);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        _afterValue = true;
    }

    /// <summary>
    /// Writes a member whose value is a floating-point number, as <see cref="Utf8Formatter"/> spells it
    /// (shortest round-trip, as the serializer does); false for NaN and the infinities, which JSON cannot carry.
    /// </summary>
    public bool TryWriteNumber(ReadOnlySpan<byte> quotedName, double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        WritePropertyName(quotedName);
        Reserve(64);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        _afterValue = true;
        return true;
    }

    /// <inheritdoc cref="TryWriteNumber(ReadOnlySpan{byte}, double)"/>
    public bool TryWriteNumber(ReadOnlySpan<byte> quotedName, float value)
    {
        if (!float.IsFinite(value))
        {
            return false;
        }

        WritePropertyName(quotedName);
        Reserve(64);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        _afterValue = true;
        return true;
    }

    /// <summary>Writes a member whose value is a flag.</summary>
    public void WriteBoolean(ReadOnlySpan<byte> quotedName, bool value)
    {
        WritePropertyName(quotedName);
        Write(value ? "true"u8 : "false"u8);
        _afterValue = true;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    /// <summary>Hands the array over (its first <see cref="Length"/> bytes written); the buffer is empty afterwards.</summary>
    internal byte[] Detach()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        return buffer;
    }

    /// <summary>Gives the array back to the pool; the buffer is empty afterwards.</summary>
    internal void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _length = 0;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length >= bytes)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
