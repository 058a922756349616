using System.Buffers;

namespace UsageSchema.Resilience;

/// <summary>
/// Reads a response body into memory up to a limit, whatever <c>Content-Length</c> claims: a server
/// that sends more (or never stops) costs at most the limit, not the whole answer.
/// </summary>
internal static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body, or null when it has more than <paramref name="limitBytes"/> bytes (reading stops at the first byte too many).</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int limitBytes, CancellationToken cancellationToken)
    {
        // Content-Length only sizes the first buffer, and never beyond the limit.
        var announced = content.Headers.ContentLength is { } length and >= 0 ? (int)Math.Min(length, limitBytes) : 0;
        using var body = new MemoryStream(Math.Min(announced, 1024 * 1024));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    var wanted = (int)Math.Min(ChunkBytes, (long)limitBytes - body.Length + 1);
                    var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return body.ToArray();
                    }

                    if (body.Length + read > limitBytes)
                    {
                        return null;
                    }

                    body.Write(chunk, 0, read);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
