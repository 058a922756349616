using System.Buffers;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// One <c>POST /usage</c> body, ready to send: <c>{"UsageType":"…","Records":[…]}</c> with records of
/// one type, built from each record's bytes as they were serialized once. Its buffer is pooled:
/// dispose the request once it is sent, and do not use <see cref="Body"/> afterwards.
/// </summary>
public sealed class PackedRequest : IDisposable
{
    private byte[] _buffer;
    private readonly int _length;

    internal PackedRequest(UsageType usageType, byte[] buffer, int length, List<PackedRecord> records)
    {
        UsageType = usageType;
        _buffer = buffer;
        _length = length;
        Records = records;
    }

    /// <summary>The usage type of every record in the request.</summary>
    public UsageType UsageType { get; }

    /// <summary>The request body, UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Body
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer.Length == 0 && _length > 0, this);
            return _buffer.AsMemory(0, _length);
        }
    }

    /// <summary>The size of <see cref="Body"/> in bytes.</summary>
    public int BodyBytes => _length;

    /// <summary>The records in the request, in input order.</summary>
    public IReadOnlyList<PackedRecord> Records { get; }

    /// <summary>How many records the request holds.</summary>
    public int RecordCount => Records.Count;

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>
    /// The request cut into two halves by record count, for a service that answered <c>413</c>. The
    /// halves copy the records' bytes; nothing is serialized again. This request stays usable.
    /// </summary>
    internal (PackedRequest First, PackedRequest Second) Split()
    {
        if (Records.Count < 2)
        {
            throw new InvalidOperationException("A request of one record cannot be split.");
        }

        var half = Records.Count / 2;
        return (Slice(0, half), Slice(half, Records.Count - half));
    }

    private PackedRequest Slice(int start, int count)
    {
        var body = Body.Span;
        var builder = new RequestBuilder(UsageType, _length, count);
        for (var i = start; i < start + count; i++)
        {
            var record = Records[i];
            builder.Append(body.Slice(record.Offset, record.Length), record.Index, record.LocalRecordId, record.Resource, record.Record);
        }

        return builder.Seal();
    }
}
