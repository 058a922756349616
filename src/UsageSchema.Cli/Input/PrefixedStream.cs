namespace UsageSchema.Cli.Input;

/// <summary>A read-only stream that gives the bytes already taken from a stream (to tell its format) before the rest of it.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes of <paramref name="stream"/>, stopping at the end of its
    /// first line that is not blank, and returns them with a stream that starts with them again.
    /// </summary>
    public static (byte[] Start, Stream Whole) Peek(Stream stream, int limit)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[limit];
        var length = 0;
        while (length < limit)
        {
            var read = stream.Read(buffer, length, limit - length);
            if (read == 0)
            {
                break;
            }

            length += read;
            var content = buffer.AsSpan(0, length).IndexOfAnyExcept(" \t\r\n"u8);
            if (content >= 0 && buffer.AsSpan(content, length - content).Contains((byte)'\n'))
            {
                break;
            }
        }

        var start = buffer[..length];
        return (start, new PrefixedStream(start, stream));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefix.Length)
        {
            var count = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        return rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
