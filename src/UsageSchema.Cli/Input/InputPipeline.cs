using System.Threading.Channels;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads and validates an input on a thread of its own, handing what it reads on in file order
/// through a bounded channel of batches: the reader waits when the consumer (a count, the outbox, the
/// service) is behind, so memory holds at most <see cref="MaxBatchesAhead"/> batches whatever the input's size.
/// </summary>
public static class InputPipeline
{
    /// <summary>Items per batch: one channel operation per batch instead of per record.</summary>
    internal const int BatchSize = 1024;

    /// <summary>Batches read ahead of the consumer.</summary>
    internal const int MaxBatchesAhead = 8;

    /// <summary>Starts reading <paramref name="stream"/>; the channel completes at its end (with the reader's exception, if it failed).</summary>
    /// <param name="stream">The input; disposed when read.</param>
    /// <param name="format">The format; not <see cref="InputFormat.Auto"/>.</param>
    /// <param name="kind">The kind of bare records; null to tell each from its members.</param>
    /// <param name="sacct">The sacct mapping, for <see cref="InputFormat.Sacct"/>.</param>
    /// <param name="cancellationToken">Stops the reader.</param>
    public static ChannelReader<InputItem[]> Start(Stream stream, InputFormat format, Type? kind, SacctMapping? sacct, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var channel = Channel.CreateBounded<InputItem[]>(new BoundedChannelOptions(MaxBatchesAhead) { SingleReader = true, SingleWriter = true });
        var thread = new Thread(() =>
        {
            Exception? failure = null;
            try
            {
                using (stream)
                {
                    var sink = new ChannelSink(channel.Writer, cancellationToken);
                    RecordFileReader.ReadFrom(stream, format, kind, sacct, sink);
                    sink.Flush();
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            channel.Writer.TryComplete(failure);
        })
        {
            IsBackground = true,
            Name = "usage-schema input reader",
        };
        thread.Start();
        return channel.Reader;
    }

    /// <summary>Validates each record as it is read and writes batches to the channel, waiting while it is full.</summary>
    private sealed class ChannelSink(ChannelWriter<InputItem[]> writer, CancellationToken cancellationToken) : InputSink
    {
        private InputItem[] _batch = new InputItem[BatchSize];
        private int _count;

        public override void Add(InputRecord record)
        {
            var first = true;
            foreach (var violation in RecordFileReader.Violations(record))
            {
                if (first)
                {
                    Put(new InputItem { Record = record, Valid = false });
                    first = false;
                }

                Put(new InputItem { Problem = violation });
            }

            if (first)
            {
                Put(new InputItem { Record = record, Valid = true });
            }
        }

        public override void Add(InputProblem problem) => Put(new InputItem { Problem = problem });

        public override void Add(SkippedRow row) => Put(new InputItem { Skipped = row });

        public override void Note(string note) => Put(new InputItem { Note = note });

        public void Flush()
        {
            if (_count > 0)
            {
                Write(_batch[.._count]);
                _count = 0;
            }
        }

        private void Put(InputItem item)
        {
            _batch[_count++] = item;
            if (_count == _batch.Length)
            {
                Write(_batch);
                _batch = new InputItem[BatchSize];
                _count = 0;
            }
        }

        private void Write(InputItem[] batch)
        {
            // This thread is the reader's own: waiting here is the back-pressure.
            if (!writer.TryWrite(batch))
            {
                writer.WriteAsync(batch, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
