using System.Buffers;
using System.Threading.Channels;

namespace UsageSchema.Cli.Input;

/// <summary>
/// JSON Lines read on every core, in file order: the reading thread only cuts the input into lines
/// and copies them in batches; each batch is parsed and validated on the thread pool; the batches'
/// items are handed on in the order of the batches. A line depends on no other
/// (<see cref="JsonLinesRecordReader.ReadLine"/>), so every record and message is the one the
/// sequential reader gives, in the same order.
/// </summary>
/// <remarks>
/// Parsing (the scan, the serializer, <c>IsValid()</c>) is nearly all of a line's cost and cutting
/// lines a small part, so one reader feeds several parsers. Memory stays bounded: at most
/// <see cref="MaxBatchesParsing"/> batches are parsed or waiting to be handed on at once, and the
/// output channel holds at most its own bound.
/// </remarks>
internal static class JsonLinesInParallel
{
    /// <summary>Lines per batch.</summary>
    private const int LinesPerBatch = InputPipeline.BatchSize;

    /// <summary>A batch is handed on once it holds this many bytes, whatever its number of lines (1 MiB).</summary>
    private const int BytesPerBatch = 1 << 20;

    /// <summary>Batches being parsed, or parsed and waiting for the ones before them; twice the cores, so that none is idle.</summary>
    private static readonly int MaxBatchesParsing = Math.Max(2, 2 * Environment.ProcessorCount);

    /// <summary>Reads <paramref name="stream"/> on the calling thread and writes its items to <paramref name="output"/> in file order; returns at the end of the input, when all is written.</summary>
    public static void Read(Stream stream, RecordKind? kind, ChannelWriter<InputItem[]> output, CancellationToken cancellationToken)
    {
        var pending = Channel.CreateBounded<Task<(InputItem[] Items, bool Any)>>(new BoundedChannelOptions(MaxBatchesParsing) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var forwarding = Forward(pending.Reader, output, stop, cancellationToken);
        try
        {
            using var lines = new LineSource(stream);
            var batch = new LineBatch();
            while (lines.Next(out var line))
            {
                batch.Add(line);
                if (batch.Count == LinesPerBatch || batch.Bytes >= BytesPerBatch)
                {
                    Hand(batch, kind, pending.Writer, stop.Token);
                    batch = new LineBatch();
                }
            }

            if (batch.Count > 0)
            {
                Hand(batch, kind, pending.Writer, stop.Token);
            }
            else
            {
                batch.Dispose();
            }

            pending.Writer.Complete();
        }
        catch (OperationCanceledException) when (forwarding.IsFaulted)
        {
            // The forwarding failed and stopped the reading: its failure is the one to report, below.
        }
        catch (Exception exception)
        {
            pending.Writer.TryComplete(exception);
            throw;
        }

        forwarding.GetAwaiter().GetResult();
    }

    private static void Hand(LineBatch batch, RecordKind? kind, ChannelWriter<Task<(InputItem[] Items, bool Any)>> pending, CancellationToken cancellationToken)
    {
        var parsed = Task.Run(() => batch.Parse(kind), cancellationToken);

        // This thread is the reader's own: waiting here is the back-pressure.
        if (!pending.TryWrite(parsed))
        {
            pending.WriteAsync(parsed, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Hands the parsed batches on in the order they were read; a file with no line that is not blank ends with the problem that says so.</summary>
    private static async Task Forward(ChannelReader<Task<(InputItem[] Items, bool Any)>> pending, ChannelWriter<InputItem[]> output, CancellationTokenSource stopReading, CancellationToken cancellationToken)
    {
        try
        {
            var any = false;
            await foreach (var parsed in pending.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var (items, anyInBatch) = await parsed.ConfigureAwait(false);
                any |= anyInBatch;
                if (items.Length > 0)
                {
                    await output.WriteAsync(items, cancellationToken).ConfigureAwait(false);
                }
            }

            if (!any)
            {
                await output.WriteAsync([new InputItem { Problem = JsonLinesRecordReader.Empty() }], cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Nobody takes the batches any more: the reader must not wait for room forever.
            await stopReading.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Lines copied out of the <see cref="LineSource"/>'s buffer into one pooled buffer of their own.</summary>
    private sealed class LineBatch : IDisposable
    {
        private readonly List<(int Number, int Start, int Length, long TooLong)> _lines = new(LinesPerBatch);
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BytesPerBatch / 4);

        public int Count => _lines.Count;

        public int Bytes { get; private set; }

        public void Add(LineSource.Line line)
        {
            var bytes = line.Bytes;
            if (_buffer.Length - Bytes < bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Bytes + bytes.Length));
                _buffer.AsSpan(0, Bytes).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            bytes.CopyTo(_buffer.AsSpan(Bytes));
            _lines.Add((line.Number, Bytes, bytes.Length, line.TooLongBytes));
            Bytes += bytes.Length;
        }

        /// <summary>The items of the batch's lines, in order, and whether any line was more than blanks; the buffer goes back to the pool.</summary>
        public (InputItem[] Items, bool Any) Parse(RecordKind? kind)
        {
            try
            {
                var sink = new ListSink(_lines.Count);
                var any = false;
                foreach (var (number, start, length, tooLong) in _lines)
                {
                    any |= JsonLinesRecordReader.ReadLine(number, _buffer.AsSpan(start, length), tooLong, kind, sink);
                }

                return (sink.Items(), any);
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>The validated items of one batch.</summary>
    private sealed class ListSink(int capacity) : ValidatingSink
    {
        private readonly List<InputItem> _items = new(capacity);

        public InputItem[] Items() => [.. _items];

        protected override void Put(InputItem item) => _items.Add(item);
    }
}
