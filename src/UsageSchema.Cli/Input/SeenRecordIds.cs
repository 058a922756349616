namespace UsageSchema.Cli.Input;

/// <summary>
/// The LocalRecordIDs a sacct reading has made records of, so that a second ended job with one of them is reported, not
/// sent, in memory that does not grow with the number of rows.
/// </summary>
/// <remarks>
/// Slurm's job ids are numbers below <c>MaxJobId</c> (67,043,328 by default, slurm.conf(5)). Each of those is kept as one
/// bit, so a year of a large centre's jobs costs a few MiB instead of a string and an entry per row (about 90 bytes, so
/// 900 MiB at 10,000,000 rows). Array tasks (<c>123_45</c>), heterogeneous components (<c>123+0</c>) and other text keep
/// their text and the line they were read on.
/// </remarks>
internal sealed class SeenRecordIds
{
    /// <summary>Plain ids below this are kept as bits: 2^27, twice Slurm's default <c>MaxJobId</c>; at most 16 MiB.</summary>
    private const int MaxBitId = 1 << 27;

    private readonly Dictionary<string, int> _others = new(StringComparer.Ordinal);
    private ulong[] _bits = [];

    /// <summary>
    /// Adds <paramref name="id"/>, read on <paramref name="line"/>; false when it was added before, with the line it was
    /// added on in <paramref name="earlierLine"/> when that is kept (plain numbers keep no line: 0).
    /// </summary>
    public bool TryAdd(string id, int line, out int earlierLine)
    {
        earlierLine = 0;
        if (PlainNumber(id) is { } number)
        {
            var word = number >> 6;
            if (word >= _bits.Length)
            {
                Array.Resize(ref _bits, Math.Min(Math.Max(word + 1, _bits.Length * 2), MaxBitId >> 6));
            }

            var mask = 1UL << (number & 63);
            if ((_bits[word] & mask) != 0)
            {
                return false;
            }

            _bits[word] |= mask;
            return true;
        }

        if (_others.TryAdd(id, line))
        {
            return true;
        }

        earlierLine = _others[id];
        return false;
    }

    /// <summary>The id as a number when it is written as one (digits, no leading zero, below <see cref="MaxBitId"/>).</summary>
    private static int? PlainNumber(string id)
    {
        if (id.Length is 0 or > 9 || (id[0] == '0' && id.Length > 1))
        {
            return null;
        }

        var value = 0;
        foreach (var c in id)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }

            value = (value * 10) + (c - '0');
        }

        return value < MaxBitId ? value : null;
    }
}
