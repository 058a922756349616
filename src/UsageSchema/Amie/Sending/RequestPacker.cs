using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using UsageSchema.Serialization;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// Packs AMIE usage records into <c>POST /usage</c> bodies in one pass: each record is validated,
/// serialized once to UTF-8 as <see cref="UsageJson.Options"/> write it, straight into the open request
/// of its usage type, and kept there while the whole body (envelope, commas and all) stays within the
/// cap. A record that does not fit closes the open request, which is handed back to be sent, and its
/// bytes open the next one.
/// </summary>
/// <remarks>
/// <para>Memory is bounded by the open requests, at most one per usage type, whatever the length of
/// the input: records are never held beyond the request they are packed into.</para>
/// <para>Greedy packing is what a stream allows: a request is complete as soon as the next record
/// would not fit, and never reopened. Records of one type keep their input order across and within
/// requests; requests of different types interleave as they fill.</para>
/// <para>Invalid records, records larger than the cap on their own, and items that are not AMIE
/// records come back as <see cref="LocalRecordFailure"/>s; they never stop the packing.</para>
/// </remarks>
public sealed class RequestPacker : IDisposable
{
    /// <summary>
    /// 192 KiB (196608 bytes): under the 256 KB POST limit two sources cite (the reference client's
    /// <c>message.py</c> and a production portal's adapter, whose amieclient fork splits at 192 KiB);
    /// the reference client's documentation says 1024 KiB with a 768 KiB cap. See spec/amie-usage.v1.yaml.
    /// </summary>
    public const int DefaultMaxRequestBytes = 192 * 1024;

    /// <summary>The smallest cap accepted: the largest envelope plus room for a small record.</summary>
    public const int MinimumMaxRequestBytes = 256;

    private static readonly UsageType[] UsageTypes = Enum.GetValues<UsageType>();

    // Indexed by usage type: each type's contract, as its message declares the records (x-usage-type).
    private static readonly Type[] RecordTypes = [.. UsageTypes.Select(AmieRecordKind.RecordType)];

    private static readonly JsonTypeInfo[] RecordTypeInfos = [.. RecordTypes.Select(UsageJson.Options.GetTypeInfo)];

    private readonly RequestBuilder?[] _open = new RequestBuilder?[UsageTypes.Length];

    // How many records the last request of each type held: the next one likely holds as many, so
    // its record list starts at that size instead of growing by doubling.
    private readonly int[] _lastRecordCounts = new int[3];

    // And how many bytes: its buffer starts that large instead of growing by doubling.
    private readonly int[] _lastBodyBytes = new int[3];
    private readonly Utf8JsonWriter _writer;
    private long _nextIndex;
    private bool _disposed;

    /// <summary>Creates a packer.</summary>
    /// <param name="maxRequestBytes">The most bytes one request body may have, envelope included.</param>
    /// <param name="maxRecordsPerRequest">The most records one request may hold; null for no limit but the bytes.</param>
    public RequestPacker(int maxRequestBytes = DefaultMaxRequestBytes, int? maxRecordsPerRequest = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestBytes, MinimumMaxRequestBytes);
        if (maxRecordsPerRequest is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecordsPerRequest), maxRecordsPerRequest, "At least one record per request, or null for no limit.");
        }

        MaxRequestBytes = maxRequestBytes;
        MaxRecordsPerRequest = maxRecordsPerRequest;

        // The writer, not the options, decides escaping when serializing to a writer: give it the
        // options' encoder, or "+05:00" would go out as "\u002B05:00".
        // Structure checks are skipped: the generated writers and the serializer write whole values.
        _writer = new Utf8JsonWriter(Stream.Null, new JsonWriterOptions { Encoder = UsageJson.Options.Encoder, Indented = false, SkipValidation = true });
    }

    /// <summary>The most bytes one request body may have, envelope included.</summary>
    public int MaxRequestBytes { get; }

    /// <summary>The most records one request may hold; null for no limit but the bytes.</summary>
    public int? MaxRecordsPerRequest { get; }

    /// <summary>How many items have been added; the next item's index.</summary>
    public long RecordsRead => _nextIndex;

    /// <summary>
    /// Validates, serializes and packs the next item of the input. At most one request is completed
    /// per call: the open request of the item's type, when the item does not fit into it.
    /// </summary>
    /// <param name="record">A record of the AMIE Usage API (compute, storage or adjustment); a null item is kept back as <see cref="LocalFailureReason.NotAnAmieRecord"/>.</param>
    public PackOutcome Add(IAmieUsageRecord? record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var index = _nextIndex++;
        if (record is null)
        {
            return Failed(new LocalRecordFailure(index, null, null, null, LocalFailureReason.NotAnAmieRecord,
                $"Item #{Format(index)} is null, not an AMIE record.", [], null));
        }

        var (usageType, localRecordId, resource) = (record.UsageType, record.LocalRecordId, record.Resource);

        // IsValid() first, because it does not allocate.
        if (!record.IsValid())
        {
            var result = record.Validate();
            return Failed(new LocalRecordFailure(index, usageType, localRecordId, resource, LocalFailureReason.Invalid,
                $"{AmieRecordKind.Name(usageType, localRecordId, resource)} (#{Format(index)}) is invalid: {string.Join("; ", result.Violations)}", result.Violations, record));
        }

        var type = (int)usageType;
        var builder = _open[type] ??= new RequestBuilder(usageType, _lastBodyBytes[type], _lastRecordCounts[type]);

        // Written straight into the open request, then kept, moved or rolled back: serialized once.
        var mark = builder.BeginRecord();
        var offset = builder.Buffer.Length;
        try
        {
            Serialize(record, usageType, builder.Buffer, offset);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            // What the writer holds of the record is dropped with what it committed.
            _writer.Reset();
            builder.Truncate(mark);
            return Failed(new LocalRecordFailure(index, usageType, localRecordId, resource, LocalFailureReason.Unserializable,
                $"{AmieRecordKind.Name(usageType, localRecordId, resource)} (#{Format(index)}) cannot be serialized: {exception.Message}", [], record));
        }

        var length = builder.Buffer.Length - offset;
        var alone = (long)UsageMessageEnvelope.Size(usageType) + length;
        if (alone > MaxRequestBytes)
        {
            builder.Truncate(mark);
            return Failed(new LocalRecordFailure(index, usageType, localRecordId, resource, LocalFailureReason.TooLarge,
                $"{AmieRecordKind.Name(usageType, localRecordId, resource)} (#{Format(index)}) is {Format(length)} bytes serialized; alone in a request it would make a body of {Format(alone)} bytes, over the cap of {Format(MaxRequestBytes)}.",
                [], record));
        }

        // (A lifted comparison with no record limit is false: nothing but the bytes closes the request.)
        if (builder.RecordCount == 0 || (builder.SealedSize <= MaxRequestBytes && !(builder.RecordCount >= MaxRecordsPerRequest)))
        {
            builder.Commit(index, localRecordId, resource, record, offset);
            return new PackOutcome(null, null);
        }

        // It does not fit: the open request is complete, and the record's bytes open the next one
        // (the one copy, once per request).
        var next = _open[type] = new RequestBuilder(usageType, builder.Buffer.Length, builder.RecordCount);
        next.Append(builder.Buffer.WrittenSpan.Slice(offset, length), index, localRecordId, resource, record);
        builder.Truncate(mark);
        _lastRecordCounts[type] = builder.RecordCount;
        _lastBodyBytes[type] = builder.Buffer.Length + 64;
        return new PackOutcome(builder.Seal(), null);
    }

    /// <summary>
    /// Completes the open request whose first record came earliest, for the end of the input. Call it
    /// until it returns null.
    /// </summary>
    public PackedRequest? Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequestBuilder? earliest = null;
        for (var i = 0; i < _open.Length; i++)
        {
            var builder = _open[i];
            if (builder is { RecordCount: 0 })
            {
                // Opened for a record that was then kept back (too large, unserializable): nothing to send.
                builder.Release();
                _open[i] = null;
            }
            else if (builder is not null && (earliest is null || builder.FirstIndex < earliest.FirstIndex))
            {
                earliest = builder;
            }
        }

        if (earliest is null)
        {
            return null;
        }

        _open[(int)earliest.UsageType] = null;
        return earliest.Seal();
    }

    /// <summary>Gives back the buffers of requests that were never completed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = 0; i < _open.Length; i++)
        {
            _open[i]?.Release();
            _open[i] = null;
        }

        // Nothing pending goes into a buffer given back above.
        _writer.Reset();
        _writer.Dispose();
    }

    private void Serialize(IAmieUsageRecord record, UsageType usageType, WireBuffer buffer, int offset)
    {
        // The generated writer of the record's type (IJsonWritable, the serializer's bytes without its
        // machinery) when it has one, the serializer otherwise; under the type its message declares.
        // The bytes writer first; what it cannot spell exactly (escapes, floating-point numbers) is
        // rolled back and written again through the Utf8JsonWriter path.
        var writable = record as IJsonWritable;
        if (writable is not null && record.GetType() != RecordTypes[(int)usageType])
        {
            writable = null;
        }

        if (writable is not null && writable.TryWriteJson(buffer))
        {
            return;
        }

        buffer.Truncate(offset);
        _writer.Reset(buffer);
        if (writable is not null)
        {
            writable.WriteJson(_writer);
        }
        else
        {
            JsonSerializer.Serialize(_writer, record, RecordTypeInfos[(int)usageType]);
        }

        _writer.Flush();
    }

    private static PackOutcome Failed(LocalRecordFailure failure) => new(null, failure);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
