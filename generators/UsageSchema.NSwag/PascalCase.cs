using System.Text;

namespace UsageSchema.NSwag;

/// <summary>Turns a wire name into a PascalCase C# identifier.</summary>
internal static class PascalCase
{
    public static string FromWireName(string wireName)
    {
        var builder = new StringBuilder(wireName.Length);
        foreach (var segment in wireName.Split(['_', '-', ' ', '.', '$', '@', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var word in SplitHumps(segment))
            {
                builder.Append(char.ToUpperInvariant(word[0]));
                builder.Append(word[1..].ToLowerInvariant());
            }
        }

        if (builder.Length == 0 || !char.IsLetter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Splits <c>LocalProjectID</c> into <c>Local</c>, <c>Project</c>, <c>ID</c> and
    /// <c>XMLHttpRequest</c> into <c>XML</c>, <c>Http</c>, <c>Request</c>: an upper-case run is one
    /// word, except for its last letter when a lower-case letter follows it.
    /// </summary>
    private static IEnumerable<string> SplitHumps(string segment)
    {
        var start = 0;
        for (var i = 1; i < segment.Length; i++)
        {
            var previous = segment[i - 1];
            var current = segment[i];
            var next = i + 1 < segment.Length ? segment[i + 1] : '\0';
            var lowerToUpper = char.IsLower(previous) && char.IsUpper(current);
            var acronymEnd = char.IsUpper(previous) && char.IsUpper(current) && char.IsLower(next);
            var letterDigit = char.IsLetter(previous) != char.IsLetter(current);
            if (lowerToUpper || acronymEnd || letterDigit)
            {
                yield return segment[start..i];
                start = i;
            }
        }

        yield return segment[start..];
    }
}
