using System.Globalization;
using UsageSchema.Validation;

namespace UsageSchema.Cli.Input;

/// <summary>Reads a file in any of the <see cref="InputFormat"/>s, and checks the records against the spec.</summary>
public static class RecordFileReader
{
    /// <summary>The format a file name implies; <see cref="InputFormat.Json"/> when the extension says nothing.</summary>
    public static InputFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSONL" or ".NDJSON" => InputFormat.JsonLines,
            ".CSV" => InputFormat.Csv,
            ".SACCT" or ".PSV" or ".TXT" => InputFormat.Sacct,
            _ => InputFormat.Json,
        };
    }

    /// <summary>
    /// Reads <paramref name="stream"/> as <paramref name="format"/> into <paramref name="sink"/>, in file
    /// order as it is read: JSON Lines, CSV and sacct line by line through one bounded buffer; a JSON
    /// document element by element (<see cref="JsonRecordStreamReader"/>).
    /// </summary>
    /// <param name="stream">The input.</param>
    /// <param name="format">The format; not <see cref="InputFormat.Auto"/>.</param>
    /// <param name="kind">The kind of bare records (JSON, JSON Lines, CSV); null to tell each from its members.</param>
    /// <param name="sacct">The sacct mapping, for <see cref="InputFormat.Sacct"/>.</param>
    /// <param name="sink">Receives what is read.</param>
    public static void ReadFrom(Stream stream, InputFormat format, Type? kind, SacctMapping? sacct, InputSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        switch (format)
        {
            case InputFormat.JsonLines:
                JsonLinesRecordReader.Read(stream, kind, sink);
                break;
            case InputFormat.Csv:
                CsvRecordReader.Read(stream, kind, sink);
                break;
            case InputFormat.Sacct:
                SacctRecordReader.Read(stream, sacct ?? new SacctMapping(), sink);
                break;
            default:
                JsonRecordStreamReader.Read(stream, kind, sink);
                break;
        }
    }

    /// <summary>Reads <paramref name="bytes"/> as <paramref name="format"/>.</summary>
    /// <param name="bytes">The content.</param>
    /// <param name="format">The format; not <see cref="InputFormat.Auto"/>.</param>
    /// <param name="kind">The kind of bare records (JSON, JSON Lines, CSV); null to tell each from its members.</param>
    /// <param name="sacct">The sacct mapping, for <see cref="InputFormat.Sacct"/>.</param>
    public static InputReadResult Read(byte[] bytes, InputFormat format, Type? kind = null, SacctMapping? sacct = null) => format switch
    {
        InputFormat.JsonLines => JsonLinesRecordReader.Read(bytes, kind),
        InputFormat.Csv => CsvRecordReader.Read(bytes, kind),
        InputFormat.Sacct => SacctRecordReader.Read(bytes, sacct ?? new SacctMapping()),
        _ => JsonRecordReader.Read(bytes, kind),
    };

    /// <summary>Problems in file order: by the first number in their location (<c>line 4</c>, <c>[2]</c>), stably.</summary>
    public static List<InputProblem> InFileOrder(IEnumerable<InputProblem> problems) =>
        [.. problems.OrderBy(problem => FirstNumber(problem.Location))];

    private static long FirstNumber(string location)
    {
        var start = location.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return -1;
        }

        var end = start;
        while (end < location.Length && char.IsAsciiDigit(location[end]))
        {
            end++;
        }

        return long.TryParse(location.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }

    /// <summary>The spec violations of one record (its generated <c>Validate()</c>), each naming the record and the field; none (and no allocation) when it is valid.</summary>
    public static IEnumerable<InputProblem> Violations(InputRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Record is not IValidatable validatable || validatable.IsValid())
        {
            return [];
        }

        return validatable.Validate().Violations.Select(violation => new InputProblem(record.Location, violation.Path, violation.Message));
    }

    /// <summary>The spec violations of each record (its generated <c>Validate()</c>), each naming the record and the field.</summary>
    public static List<InputProblem> Validate(IEnumerable<InputRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var problems = new List<InputProblem>();
        foreach (var record in records)
        {
            if (record.Record is IValidatable validatable)
            {
                problems.AddRange(validatable.Validate().Violations.Select(violation => new InputProblem(record.Location, violation.Path, violation.Message)));
            }
        }

        return problems;
    }
}
