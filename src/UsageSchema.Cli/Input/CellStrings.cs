namespace UsageSchema.Cli.Input;

/// <summary>
/// The strings of cells whose values repeat row after row (users, accounts, partitions, states, job
/// names), each made once: a sacct or CSV row then allocates only what differs per row (ids, times),
/// and the records read share one string per distinct value.
/// </summary>
/// <remarks>
/// Bounded: once <see cref="MaxEntries"/> distinct values are kept, a value not among them is allocated
/// as before (a column of unique names must not grow the cache with the file).
/// </remarks>
internal sealed class CellStrings
{
    /// <summary>Distinct values kept (4,096): far more users, accounts and partitions than a centre has.</summary>
    internal const int MaxEntries = 4096;

    /// <summary>Longer values are not kept: repeated values are short, and a long one is rarely seen twice.</summary>
    private const int MaxChars = 128;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CellStrings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string of <paramref name="cell"/>: the one made before for the same characters, or a new one.</summary>
    public string Get(ReadOnlySpan<char> cell)
    {
        if (cell.IsEmpty)
        {
            return string.Empty;
        }

        if (cell.Length > MaxChars)
        {
            return cell.ToString();
        }

        if (_lookup.TryGetValue(cell, out var known))
        {
            return known;
        }

        var made = cell.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(made);
        }

        return made;
    }
}
