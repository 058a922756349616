using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using UsageSchema.Serialization;

namespace UsageSchema.Amie.Sending;

/// <summary>
/// Packs AMIE usage records into <c>POST /usage</c> bodies in one pass: each record is validated,
/// serialized once to UTF-8 with <see cref="UsageJson.Options"/>, and appended to the open request of
/// its usage type while the whole body (envelope, commas and all) stays within the cap. A record that
/// does not fit closes the open request, which is handed back to be sent.
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
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
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
        _writer = new Utf8JsonWriter(_scratch, new JsonWriterOptions { Encoder = UsageJson.Options.Encoder, Indented = false, SkipValidation = true });
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

        ReadOnlySpan<byte> json;
        try
        {
            json = Serialize(record, usageType);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            return Failed(new LocalRecordFailure(index, usageType, localRecordId, resource, LocalFailureReason.Unserializable,
                $"{AmieRecordKind.Name(usageType, localRecordId, resource)} (#{Format(index)}) cannot be serialized: {exception.Message}", [], record));
        }

        var alone = (long)UsageMessageEnvelope.Size(usageType) + json.Length;
        if (alone > MaxRequestBytes)
        {
            return Failed(new LocalRecordFailure(index, usageType, localRecordId, resource, LocalFailureReason.TooLarge,
                $"{AmieRecordKind.Name(usageType, localRecordId, resource)} (#{Format(index)}) is {Format(json.Length)} bytes serialized; alone in a request it would make a body of {Format(alone)} bytes, over the cap of {Format(MaxRequestBytes)}.",
                [], record));
        }

        PackedRequest? completed = null;
        var builder = _open[(int)usageType];
        if (builder is not null && (builder.SizeWith(json.Length) > MaxRequestBytes || builder.RecordCount >= MaxRecordsPerRequest))
        {
            _lastRecordCounts[(int)usageType] = builder.RecordCount;
            completed = builder.Seal();
            builder = null;
        }

        builder ??= _open[(int)usageType] = new RequestBuilder(usageType, MaxRequestBytes, _lastRecordCounts[(int)usageType]);
        builder.Append(json, index, localRecordId, resource, record);
        return new PackOutcome(completed, null);
    }

    /// <summary>
    /// Completes the open request whose first record came earliest, for the end of the input. Call it
    /// until it returns null.
    /// </summary>
    public PackedRequest? Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequestBuilder? earliest = null;
        foreach (var builder in _open)
        {
            if (builder is not null && (earliest is null || builder.FirstIndex < earliest.FirstIndex))
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

        _writer.Dispose();
    }

    private ReadOnlySpan<byte> Serialize(IAmieUsageRecord record, UsageType usageType)
    {
        _scratch.ResetWrittenCount();
        _writer.Reset(_scratch);
        // The generated writer of the record's type (IJsonWritable, the serializer's bytes without its
        // machinery) when it has one, the serializer otherwise; under the type its message declares.
        if (record is IJsonWritable writable && record.GetType() == RecordTypes[(int)usageType])
        {
            writable.WriteJson(_writer);
        }
        else
        {
            JsonSerializer.Serialize(_writer, record, RecordTypeInfos[(int)usageType]);
        }

        _writer.Flush();
        return _scratch.WrittenSpan;
    }

    private static PackOutcome Failed(LocalRecordFailure failure) => new(null, failure);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
