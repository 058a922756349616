using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace UsageSchema.Emulator;

/// <summary>
/// A request body read whole into an array rented from <see cref="ArrayPool{T}.Shared"/>, returned when disposed.
/// A 1000-record AMIE request is about 350 KB: a new array each time is a large-object allocation (zeroed, and
/// collected only by a full collection), which the intake paid per request.
/// </summary>
/// <remarks>Whatever reads <see cref="Memory"/> (a <c>JsonDocument</c> over it, its elements) must be done before disposal.</remarks>
internal sealed class PooledBody : IDisposable
{
    private const int ChunkBytes = 81920;

    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The bytes read.</summary>
    public int Length { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    /// <summary>
    /// Reads the whole request body, up to <paramref name="limit"/> bytes; null when it is larger (by its
    /// <c>Content-Length</c> or while reading a chunked body). The same reading as <see cref="EmulatorResponses.ReadBodyAsync"/>.
    /// </summary>
    public static async Task<PooledBody?> ReadAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return null;
        }

        // A stated length is read into one rented array of that size; more than it stated is not read (Kestrel ends the body there).
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, request.ContentLength ?? ChunkBytes));
        var filled = 0;
        try
        {
            while (request.ContentLength is not { } length || filled < length)
            {
                if (filled == buffer.Length)
                {
                    if (filled + 1L > limit)
                    {
                        // One byte more than the limit is there (the read below would tell): too large.
                        var probe = new byte[1];
                        if (await request.Body.ReadAsync(probe, context.RequestAborted).ConfigureAwait(false) == 0)
                        {
                            break;
                        }

                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, (long)buffer.Length * 2));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var got = await request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                if (got == 0)
                {
                    break;
                }

                filled += got;
                if (request.ContentLength is null && filled > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new PooledBody(buffer, filled);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
