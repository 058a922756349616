using System.Buffers;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// The open request of one usage type: the envelope's prefix and the records packed so far, in a
/// pooled buffer that grows by doubling (never past the cap, since nothing that would exceed it is
/// appended). Sealing closes the envelope and hands the buffer to a <see cref="PackedRequest"/>.
/// </summary>
internal sealed class RequestBuilder
{
    private const int InitialCapacity = 16 * 1024;

    private byte[] _buffer;
    private int _length;
    private List<PackedRecord> _records;

    public RequestBuilder(UsageType usageType, int expectedBytes, int expectedRecords = 0)
    {
        UsageType = usageType;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Min(expectedBytes, InitialCapacity), UsageMessageEnvelope.MaxSize));
        _records = new List<PackedRecord>(expectedRecords);
        Write(UsageMessageEnvelope.Prefix(usageType));
    }

    public UsageType UsageType { get; }

    public int RecordCount => _records.Count;

    /// <summary>The first record's index; how open requests are ordered when flushed.</summary>
    public long FirstIndex => _records.Count == 0 ? long.MaxValue : _records[0].Index;

    /// <summary>The body size once sealed if a record of <paramref name="recordBytes"/> were added.</summary>
    public long SizeWith(int recordBytes) =>
        (long)_length + (_records.Count == 0 ? 0 : UsageMessageEnvelope.Separator.Length) + recordBytes + UsageMessageEnvelope.Suffix.Length;

    public void Append(ReadOnlySpan<byte> json, long index, string? localRecordId, string? resource, IAmieUsageRecord record)
    {
        if (_records.Count > 0)
        {
            Write(UsageMessageEnvelope.Separator);
        }

        _records.Add(new PackedRecord(index, localRecordId, resource, record, _length, json.Length));
        Write(json);
    }

    public PackedRequest Seal()
    {
        Write(UsageMessageEnvelope.Suffix);
        var request = new PackedRequest(UsageType, _buffer, _length, _records);
        _buffer = [];
        _records = [];
        return request;
    }

    /// <summary>Gives the buffer back when the builder is abandoned unsealed.</summary>
    public void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes.Length));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }
}
