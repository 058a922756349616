using System.Buffers;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The bytes of a JSON document that a streaming read still needs, in one <see cref="ArrayPool{T}"/>
/// buffer: the reader keeps what it has not finished with (at most one element, or the head of a
/// document it has not yet told the shape of), drops the rest, and refills from the stream. The
/// buffer grows to hold one value and never past <see cref="MaxBytes"/>, so memory does not depend
/// on the document's size. Lines and columns of dropped bytes are counted, so that every position
/// is still named as a line and column of the whole document.
/// </summary>
internal sealed class JsonStreamBuffer : IDisposable
{
    private const int InitialBytes = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _linesDropped;
    private long _columnDropped;

    public JsonStreamBuffer(Stream stream, int maxBytes)
    {
        _stream = stream;
        MaxBytes = maxBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);
    }

    /// <summary>The most bytes kept at once.</summary>
    public int MaxBytes { get; }

    /// <summary>Whether the stream has no more bytes.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>The bytes kept: from the first not yet dropped to the last read.</summary>
    public ReadOnlySpan<byte> Kept => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Reads more bytes after the kept ones; false when the stream has ended or <see cref="MaxBytes"/> are kept already.</summary>
    public bool Fill()
    {
        if (AtEnd)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBytes)
            {
                return false;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxBytes, _buffer.Length * 2));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, Math.Min(_buffer.Length, MaxBytes) - _end);
        if (read == 0)
        {
            AtEnd = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <summary>Fills until the stream ends or <see cref="MaxBytes"/> are kept; whether the stream ended.</summary>
    public bool FillAll()
    {
        while (Fill())
        {
        }

        return AtEnd;
    }

    /// <summary>Drops the first <paramref name="count"/> kept bytes, counting their lines.</summary>
    public void Drop(int count)
    {
        var dropped = _buffer.AsSpan(_start, count);
        var lastNewline = dropped.LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            _linesDropped += dropped.Count((byte)'\n');
            _columnDropped = count - lastNewline - 1;
        }
        else
        {
            _columnDropped += count;
        }

        _start += count;
    }

    /// <summary>Drops the first <paramref name="count"/> kept bytes without counting them as columns (a byte order mark).</summary>
    public void DropUncounted(int count) => _start += count;

    /// <summary>The 1-based line and byte column in the whole document of the kept byte at <paramref name="offset"/>.</summary>
    public (long Line, long Column) Position(int offset)
    {
        var before = Kept[..offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = _linesDropped + before.Count((byte)'\n') + 1;
        var column = lastNewline >= 0 ? offset - lastNewline : _columnDropped + offset + 1;
        return (line, column);
    }

    /// <summary>Whether the bytes before the kept one at <paramref name="offset"/>, back to its line's start, are spaces and tabs only; false when that start was dropped.</summary>
    public bool IndentOf(int offset, out int indent)
    {
        var before = Kept[..offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        indent = offset - (lastNewline + 1);
        if (lastNewline < 0 && (_linesDropped > 0 || _columnDropped > 0))
        {
            return false;
        }

        return !before[(lastNewline + 1)..].ContainsAnyExcept((byte)' ', (byte)'\t');
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
