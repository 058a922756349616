using UsageSchema.Serialization;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// The open request of one usage type: the envelope's prefix and the records packed so far, in a
/// pooled <see cref="WireBuffer"/> that the packer writes each record straight into. A record is
/// written first and kept or rolled back after (<see cref="Commit"/>, <see cref="Truncate"/>), so
/// that it is serialized once whether it fits or not. Sealing closes the envelope and hands the
/// buffer to a <see cref="PackedRequest"/>.
/// </summary>
internal sealed class RequestBuilder
{
    private const int InitialCapacity = 16 * 1024;

    private List<PackedRecord> _records;

    public RequestBuilder(UsageType usageType, int expectedBytes, int expectedRecords = 0)
    {
        UsageType = usageType;
        // As large as the last request of the type was, when there was one: no doubling on the way.
        Buffer = new WireBuffer(Math.Max(expectedBytes > 0 ? expectedBytes : InitialCapacity, UsageMessageEnvelope.MaxSize));
        _records = new List<PackedRecord>(expectedRecords);
        Buffer.Write(UsageMessageEnvelope.Prefix(usageType));
    }

    public UsageType UsageType { get; }

    /// <summary>The body so far; records are written into it directly.</summary>
    public WireBuffer Buffer { get; }

    public int RecordCount => _records.Count;

    /// <summary>The first record's index; how open requests are ordered when flushed.</summary>
    public long FirstIndex => _records.Count == 0 ? long.MaxValue : _records[0].Index;

    /// <summary>The body size once sealed as it is now: what has been written, and the suffix.</summary>
    public long SealedSize => (long)Buffer.Length + UsageMessageEnvelope.Suffix.Length;

    /// <summary>Writes the separator a next record needs; returns where the body stood before it (to roll back to).</summary>
    public int BeginRecord()
    {
        var mark = Buffer.Length;
        if (_records.Count > 0)
        {
            Buffer.Write(UsageMessageEnvelope.Separator);
        }

        return mark;
    }

    /// <summary>Keeps the record written from <paramref name="offset"/> to the end of the body.</summary>
    public void Commit(long index, string? localRecordId, string? resource, IAmieUsageRecord record, int offset) =>
        _records.Add(new PackedRecord(index, localRecordId, resource, record, offset, Buffer.Length - offset));

    /// <summary>Rolls the body back to <paramref name="mark"/> (from <see cref="BeginRecord"/>).</summary>
    public void Truncate(int mark) => Buffer.Truncate(mark);

    /// <summary>Appends a record's bytes as they are (a record moved from a full request, or a split).</summary>
    public void Append(ReadOnlySpan<byte> json, long index, string? localRecordId, string? resource, IAmieUsageRecord record)
    {
        BeginRecord();
        var offset = Buffer.Length;
        Buffer.Write(json);
        Commit(index, localRecordId, resource, record, offset);
    }

    public PackedRequest Seal()
    {
        Buffer.Write(UsageMessageEnvelope.Suffix);
        var length = Buffer.Length;
        var request = new PackedRequest(UsageType, Buffer.Detach(), length, _records);
        _records = [];
        return request;
    }

    /// <summary>Gives the buffer back when the builder is abandoned unsealed.</summary>
    public void Release() => Buffer.Release();
}
