using System.Buffers;
using System.Text.Json;

namespace UsageSchema.Outbox;

/// <summary>
/// Writes a dedupe key: the JSON array of its parts, exactly as <c>JsonSerializer.Serialize(string?[])</c>
/// writes it with the default options (that text is the key stored by every earlier release, so it must
/// not change). Parts made only of characters that serializer leaves as they are, the usual case, are
/// concatenated without the serializer; anything else goes through it.
/// </summary>
internal static class DedupeKeys
{
    /// <summary>
    /// The characters the default <c>JavaScriptEncoder</c> writes unescaped: printable ASCII except
    /// <c>"</c> and <c>\</c> (JSON) and <c>&amp; ' + &lt; &gt; `</c> (HTML-sensitive).
    /// </summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// The key of a record: its wire identity (generated from the spec's <c>x-upsert-key</c>), or a
    /// unique key when a required part is missing, so an invalid record is stored on its own.
    /// </summary>
    public static string Of(IUsageRecord record) =>
        record.HasWireIdentity ? Of([.. record.WireIdentity]) : Of("unkeyed", Guid.NewGuid().ToString("N"));

    /// <summary>The key <c>[first, second]</c>.</summary>
    public static string Of(string first, string second) =>
        IsPlain(first) && IsPlain(second)
            ? string.Concat("[\"", first, "\",\"", second, "\"]")
            : JsonSerializer.Serialize(new[] { first, second });

    /// <summary>The key of <paramref name="parts"/>, a null part written as <c>null</c>.</summary>
    public static string Of(string?[] parts)
    {
        var length = 1;
        foreach (var part in parts)
        {
            if (part is not null && !IsPlain(part))
            {
                return JsonSerializer.Serialize(parts);
            }

            length += (part is null ? 4 : part.Length + 2) + 1;
        }

        return string.Create(length, parts, static (span, parts) =>
        {
            span[0] = '[';
            var at = 1;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    span[at++] = ',';
                }

                if (parts[i] is not { } part)
                {
                    "null".CopyTo(span[at..]);
                    at += 4;
                    continue;
                }

                span[at++] = '"';
                part.CopyTo(span[at..]);
                at += part.Length;
                span[at++] = '"';
            }

            span[at] = ']';
        });
    }

    private static bool IsPlain(string part) => !part.AsSpan().ContainsAnyExcept(Plain);
}
