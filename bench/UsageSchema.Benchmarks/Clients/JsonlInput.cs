using System.Globalization;
using System.Text.Json;
using UsageSchema.Serialization;

namespace UsageSchema.Benchmarks.Clients;

/// <summary>
/// Writes <see cref="ComputeRecords"/> as JSON Lines (one record a line, <c>UsageJson.Options</c>,
/// the wire form), the input of the end-to-end run: <c>usage-schema send amie FILE</c>.
/// </summary>
public static class JsonlInput
{
    public static int Write(long count, string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true });
        for (long i = 0; i < count; i++)
        {
            JsonSerializer.Serialize(writer, ComputeRecords.Create(i), UsageJson.Options);
            writer.Flush();
            writer.Reset();
            file.WriteByte((byte)'\n');
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {count:N0} compute records to {path} ({file.Length / 1048576.0:F1} MiB)"));
        return 0;
    }
}
