using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace UsageSchema.Testing.Fuzzing;

/// <summary>Generators of broken inputs: valid files with a few mutations, and arbitrary text or bytes.</summary>
internal static class Mutations
{
    /// <summary>What a mutation may insert: separators and quotes of every format, NUL, bytes that are never or not here UTF-8, escapes that are not UTF-16, line breaks, a BOM, numbers no reader should take.</summary>
    private static readonly byte[][] Insertions =
    [
        .. new[] { "\"", ",", "|", "{", "}", "[", "]", ":", "\\", "\n", "\r\n", "\0", "\"\"", ",,", "||", "\uFEFF", "NaN", "1e400", "-1", "99999999999", "\\uD800", "null", "true", "{}", "[]", " ", "é", "日" }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0xC3, 0x28], [0xE2, 0x28, 0xA1], [0xF0, 0x9F], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
    ];

    private const string Alphabet = "ab,|\"{}[]:\\\n\r\t 0-9.\0éé日\uFEFFUsername";

    /// <summary>One of <paramref name="valid"/>, with 1 to 4 mutations.</summary>
    public static Gen<byte[]> Of(params string[] valid) =>
        from source in Gen.Elements(valid)
        from count in Gen.Choose(1, 4)
        from steps in Gen.ListOf(Step(), count)
        select steps.Aggregate(Encoding.UTF8.GetBytes(source), (bytes, step) => step(bytes));

    /// <summary>Half mutated <paramref name="valid"/> inputs, half arbitrary text or bytes.</summary>
    public static Gen<byte[]> OfOrArbitrary(params string[] valid) => Gen.OneOf(Of(valid), Arbitrary());

    /// <summary>Text from an alphabet of delimiters and odd characters, as UTF-8, or raw bytes.</summary>
    public static Gen<byte[]> Arbitrary() => Gen.OneOf(
        from length in Gen.Choose(0, 300)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), length)
        select Encoding.UTF8.GetBytes(chars),
        from length in Gen.Choose(0, 300)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), length)
        select bytes);

    private static Gen<Func<byte[], byte[]>> Step() => Gen.OneOf(
        // Flip one bit of one byte.
        from position in Gen.Choose(0, int.MaxValue)
        from bit in Gen.Choose(0, 7)
        select (Func<byte[], byte[]>)(bytes => Flip(bytes, position, bit)),

        // Cut the file short.
        from position in Gen.Choose(0, int.MaxValue)
        select (Func<byte[], byte[]>)(bytes => bytes.Length == 0 ? bytes : bytes[..(position % bytes.Length)]),

        // Insert a delimiter, a bad byte or a bad value.
        from position in Gen.Choose(0, int.MaxValue)
        from insertion in Gen.Elements(Insertions)
        select (Func<byte[], byte[]>)(bytes => Insert(bytes, position, insertion)),

        // Delete a range.
        from position in Gen.Choose(0, int.MaxValue)
        from length in Gen.Choose(1, 20)
        select (Func<byte[], byte[]>)(bytes => Delete(bytes, position, length)),

        // Duplicate a line.
        from line in Gen.Choose(0, int.MaxValue)
        select (Func<byte[], byte[]>)(bytes => DuplicateLine(bytes, line)));

    private static byte[] Flip(byte[] bytes, int position, int bit)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        copy[position % copy.Length] ^= (byte)(1 << bit);
        return copy;
    }

    private static byte[] Insert(byte[] bytes, int position, byte[] insertion)
    {
        var at = position % (bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. insertion, .. bytes.AsSpan(at)];
    }

    private static byte[] Delete(byte[] bytes, int position, int length)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var at = position % bytes.Length;
        var end = Math.Min(bytes.Length, at + length);
        return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(end)];
    }

    private static byte[] DuplicateLine(byte[] bytes, int line)
    {
        var lines = Split(bytes);
        var chosen = lines[line % lines.Count];
        lines.Insert(line % lines.Count, chosen);
        return [.. lines.SelectMany((item, index) => index == 0 ? item : [(byte)'\n', .. item])];
    }

    private static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }
}
