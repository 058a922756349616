using System.Security.Cryptography;
using System.Text;

namespace UsageSchema.Outbox;

/// <summary>
/// The value the SQLite store's unique index holds for a dedupe key (schema version 3, column
/// <c>key_index</c>): 16 bytes of SHA-256 over the API and the key's text up to its last element, then that
/// last element's own text (UTF-8). For AMIE and the gateway the last element is the record id
/// (<c>["expanse.sdsc.access-ci.org","31415926"]</c> → hash of the resource, then <c>"31415926"]</c>), so
/// records of one resource sit next to each other in the index in record-id order, and a run of
/// increasing job ids appends to a few index pages instead of touching one page per record, as a hash
/// of the whole key would (each commit writes every page it touched to the WAL). The entry is 27 bytes
/// instead of the 63 of <c>(api, dedupe_key)</c>.
/// </summary>
/// <remarks>
/// Only a collision of SHA-256 on two different prefixes (and the same last element) could give two keys
/// one index value; the enqueue compares the stored key and refuses such an item with an error naming
/// both keys (<see cref="SqliteEnqueue"/>), so no record is ever taken for another. Where the key is
/// split does not matter for correctness (the value is a function of the key's text); it only decides
/// which keys sit together.
/// </remarks>
internal sealed class SqliteKeyIndex
{
    /// <summary>The bytes of the hash at the start of every value.</summary>
    public const int HashBytes = 16;

    /// <summary>The longest last element kept as text (longer ones are hashed with the rest: the value stays short).</summary>
    public const int MaxTailChars = 128;

    /// <summary>The longest value: the hash and the longest tail in UTF-8.</summary>
    public const int MaxBytes = HashBytes + (MaxTailChars * 3);

    // The prefix hashed last (most items of a batch share their resource): reused while it repeats.
    private readonly byte[] _lastHash = new byte[HashBytes];
    private string? _lastKey;
    private int _lastSplit;
    private UsageApi _lastApi;

    /// <summary>The value for <paramref name="api"/>'s key <paramref name="key"/> as a new array (migrations, lookups).</summary>
    public static byte[] Of(UsageApi api, string key)
    {
        Span<byte> buffer = stackalloc byte[MaxBytes];
        return buffer[..new SqliteKeyIndex().Write(api, key, buffer)].ToArray();
    }

    /// <summary>Writes the value for <paramref name="api"/>'s key <paramref name="key"/> into <paramref name="destination"/> (at least <see cref="MaxBytes"/>); returns its length.</summary>
    public int Write(UsageApi api, string key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        var split = Split(key);
        var prefix = key.AsSpan(0, split);
        if (_lastKey is null || _lastApi != api || _lastSplit != split || !prefix.SequenceEqual(_lastKey.AsSpan(0, _lastSplit)))
        {
            Hash(api, prefix, _lastHash);
            _lastKey = key;
            _lastSplit = split;
            _lastApi = api;
        }

        _lastHash.CopyTo(destination);
        return HashBytes + Encoding.UTF8.GetBytes(key.AsSpan(split), destination[HashBytes..]);
    }

    /// <summary>
    /// Where the last element of a key written as a JSON array begins: after the last <c>"</c> but one
    /// when it ends with a string (no string of a key holds a raw <c>"</c>: the serializer escapes it),
    /// before <c>null]</c>; anywhere else (a key of another shape, or a long last element), at the end.
    /// </summary>
    private static int Split(string key)
    {
        int start;
        if (key.EndsWith("\"]", StringComparison.Ordinal) && key.Length >= 4)
        {
            start = key.LastIndexOf('"', key.Length - 3);
        }
        else if (key.EndsWith(",null]", StringComparison.Ordinal))
        {
            start = key.Length - 5;
        }
        else
        {
            return key.Length;
        }

        return start <= 0 || key.Length - start > MaxTailChars ? key.Length : start;
    }

    private static void Hash(UsageApi api, ReadOnlySpan<char> prefix, Span<byte> hash)
    {
        // The API's code, then the prefix in UTF-8: rented only for a prefix too long for the stack.
        var length = 1 + Encoding.UTF8.GetMaxByteCount(prefix.Length);
        var rented = length > 1024 ? new byte[length] : null;
        Span<byte> input = rented ?? stackalloc byte[1024];
        input[0] = (byte)SqliteCodes.Of(api);
        var written = 1 + Encoding.UTF8.GetBytes(prefix, input[1..]);
        Span<byte> full = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..written], full);
        full[..HashBytes].CopyTo(hash);
    }
}
