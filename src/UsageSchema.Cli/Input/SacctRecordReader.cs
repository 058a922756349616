namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads Slurm <c>sacct --parsable2</c> (<c>-P</c>) output into <c>ComputeUsageRecord</c>s following a
/// <see cref="SacctMapping"/>: with its header line, or headerless with <see cref="SacctMapping.HeaderlessColumns"/>.
/// Rows of jobs that have not ended, never started, and job steps are <see cref="InputReadResult.Skipped"/>.
/// </summary>
public static class SacctRecordReader
{
    /// <summary>Reads <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="mapping">The mapping of columns to fields.</param>
    public static InputReadResult Read(byte[] bytes, SacctMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(mapping);
        var reader = new SacctLineReader(mapping);
        foreach (var line in TextLines.Split(bytes))
        {
            reader.Add(line);
        }

        return reader.Finish();
    }
}
