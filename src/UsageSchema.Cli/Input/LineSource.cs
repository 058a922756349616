using System.Buffers;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The lines of a stream, read through one pooled buffer: each line is a span of that buffer, valid
/// until the next call, so reading a file of any size holds at most one line (plus a read-ahead
/// chunk) in memory. A UTF-8 byte order mark at the start is skipped, lines end at <c>\n</c> and a
/// trailing <c>\r</c> is dropped. A line longer than <see cref="InputLimits.MaxLineBytes"/> is not
/// buffered: it is passed over to its end and handed out as <see cref="Line.TooLongBytes"/> only.
/// </summary>
internal sealed class LineSource : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _scanned;
    private int _end;
    private bool _eof;
    private bool _atStart = true;
    private int _number;

    public LineSource(Stream stream, int maxLineBytes = InputLimits.MaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    }

    /// <summary>One line: its 1-based number and its bytes (without the line break), or only its length when it is over the limit.</summary>
    internal readonly ref struct Line
    {
        public Line(int number, ReadOnlySpan<byte> bytes, long tooLongBytes)
        {
            Number = number;
            Bytes = bytes;
            TooLongBytes = tooLongBytes;
        }

        /// <summary>1-based line number.</summary>
        public int Number { get; }

        /// <summary>The line's bytes; empty when <see cref="TooLongBytes"/> is set.</summary>
        public ReadOnlySpan<byte> Bytes { get; }

        /// <summary>The length of a line over the limit, which was skipped; 0 for a line that was read.</summary>
        public long TooLongBytes { get; }
    }

    /// <summary>Reads the next line; false at the end of the stream.</summary>
    public bool Next(out Line line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var stop = _scanned + newline;
                line = Cut(_buffer.AsSpan(_start, stop - _start));
                _start = _scanned = stop + 1;
                return true;
            }

            _scanned = _end;
            if (_eof)
            {
                if (_start < _end)
                {
                    line = Cut(_buffer.AsSpan(_start, _end - _start));
                    _start = _scanned = _end;
                    return true;
                }

                line = default;
                return false;
            }

            if (_end - _start > _maxLineBytes)
            {
                line = new Line(++_number, default, SkipRestOfLine());
                return true;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>A whole line in the buffer: read, or (when one read brought in more than the limit at once) only measured.</summary>
    private Line Cut(ReadOnlySpan<byte> bytes)
    {
        bytes = Trim(bytes);
        return bytes.Length > _maxLineBytes ? new Line(++_number, default, bytes.Length) : new Line(++_number, bytes, 0);
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> bytes) => bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;

    /// <summary>Reads more of the stream after what is buffered, moving the current line to the front or growing the buffer (up to the limit plus a chunk).</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _scanned -= _start;
            _end -= _start;
            _start = 0;
        }

        if (_buffer.Length - _end < ChunkBytes / 2)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _end + ChunkBytes));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        if (_atStart && (_end >= 3 || _eof))
        {
            _atStart = false;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = _scanned = 3;
            }
        }
    }

    /// <summary>Passes over the rest of a line that is over the limit, without keeping it; its whole length.</summary>
    private long SkipRestOfLine()
    {
        long length = _end - _start;
        _start = _scanned = _end = 0;
        while (true)
        {
            var read = _stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return length;
            }

            var newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = _scanned = newline + 1;
                _end = read;
                return length + newline - (newline > 0 && _buffer[newline - 1] == (byte)'\r' ? 1 : 0);
            }

            length += read;
        }
    }
}
