namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads Slurm <c>sacct --parsable2</c> (<c>-P</c>) output into <c>ComputeUsageRecord</c>s following a
/// <see cref="SacctMapping"/>: with its header line, or headerless with <see cref="SacctMapping.HeaderlessColumns"/>.
/// Rows of jobs that have not ended, never started, and job steps are <see cref="InputReadResult.Skipped"/>.
/// </summary>
public static class SacctRecordReader
{
    /// <summary>Reads <paramref name="bytes"/> whole.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="mapping">The mapping of columns to fields.</param>
    public static InputReadResult Read(byte[] bytes, SacctMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sink = new CollectingSink();
        Read(new MemoryStream(bytes, writable: false), mapping, sink);
        return sink.Result();
    }

    /// <summary>Reads <paramref name="stream"/> line by line into <paramref name="sink"/>.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="mapping">The mapping of columns to fields.</param>
    /// <param name="sink">Receives the records, problems and skipped rows in file order.</param>
    public static void Read(Stream stream, SacctMapping mapping, InputSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        var reader = new SacctLineReader(mapping, sink);
        using var lines = new LineSource(stream);
        while (lines.Next(out var line))
        {
            if (line.TooLongBytes > 0)
            {
                reader.AddTooLong(line.Number, line.TooLongBytes);
                continue;
            }

            // Most rows are records read from the line's bytes; the others, and the header, as text (every message as before).
            if (!reader.TryAddFast(line.Number, line.Bytes))
            {
                reader.Add(TextLines.Decode(line.Number, line.Bytes));
            }
        }

        reader.Finish();
    }
}
