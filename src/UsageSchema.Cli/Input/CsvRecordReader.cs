using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads CSV (RFC 4180: commas, double quotes, <c>""</c> inside quotes) with a header row of wire
/// names. A dotted name such as <c>Attributes.NodeCount</c> sets a nested member; an empty cell leaves
/// the member unset. A <c>UsageType</c> column, when present, says each row's AMIE record type.
/// </summary>
/// <remarks>
/// A quote opens a quoted cell only at the start of a cell (elsewhere it is a character like any
/// other), and a quoted cell may span at most <see cref="InputLimits.MaxQuotedLines"/> lines. Lines
/// of blanks are skipped. Header columns that name no member of any record kind, or that repeat, are
/// reported on the header line; an unknown column is ignored, a repeated one is read when its cells
/// agree.
/// </remarks>
public static class CsvRecordReader
{
    /// <summary>The column that says a row's AMIE usage type: a message's discriminator, the same name.</summary>
    private const string UsageTypeColumn = AmieMessageNames.UsageType;

    /// <summary>Reads <paramref name="bytes"/> whole.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every row; null to tell it from the columns.</param>
    public static InputReadResult Read(byte[] bytes, Type? kind = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sink = new CollectingSink();
        Read(new MemoryStream(bytes, writable: false), kind, sink);
        return sink.Result();
    }

    /// <summary>Reads <paramref name="stream"/> row by row into <paramref name="sink"/>.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="kind">The kind of every row; null to tell it from the columns.</param>
    /// <param name="sink">Receives the records and problems in file order.</param>
    public static void Read(Stream stream, Type? kind, InputSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        using var source = new LineSource(stream);
        var window = new LineWindow(source, sink);
        var rowCount = 0;
        List<string>? header = null;
        Dictionary<string, List<int>>? columns = null;
        var usageTypeColumn = -1;
        var unusable = false;
        while (window.TryGet(0, out var first))
        {
            if (first.Text is not null && string.IsNullOrWhiteSpace(first.Text))
            {
                window.Drop(1);
                continue;
            }

            var (row, consumed) = ReadRow(window);
            if (row is null)
            {
                window.Problem(new InputProblem(JsonRecordReader.Line(first.Number), null, $"a quoted cell opened on this line is not closed within {InputLimits.MaxQuotedLines.ToString(CultureInfo.InvariantCulture)} lines or by the end of the file; reading goes on at the next line"));
                window.Drop(1);
                continue;
            }

            window.Drop(consumed);
            rowCount++;
            if (unusable)
            {
                // Read on only for the problems of the later lines' quotes, as when the whole file was read first.
                continue;
            }

            if (header is null)
            {
                var headerLocation = JsonRecordReader.Line(row.Line);
                if (row.HasBadBytes)
                {
                    window.Problem(new InputProblem(headerLocation, null, "the header row is not valid UTF-8; no row can be read"));
                    unusable = true;
                    continue;
                }

                header = [.. row.Cells.Select(name => name.Trim())];
                if (header.All(name => name.Length == 0))
                {
                    window.Problem(new InputProblem(headerLocation, null, "the header row is empty"));
                    unusable = true;
                    continue;
                }

                columns = Columns(header, kind, headerLocation, sink);
                usageTypeColumn = header.IndexOf(UsageTypeColumn);
                continue;
            }

            ReadRow(row, header, columns!, usageTypeColumn, kind, sink);
        }

        if (rowCount == 0)
        {
            if (!window.AnyProblem)
            {
                sink.Add(new InputProblem("file", null, "the file is empty; expected a header row of wire names"));
            }
        }
        else if (rowCount == 1 && !unusable)
        {
            sink.Add(new InputProblem("file", null, "the file has a header but no records"));
        }
    }

    private static void ReadRow(Row row, List<string> header, Dictionary<string, List<int>> columns, int usageTypeColumn, Type? kind, InputSink sink)
    {
        var location = JsonRecordReader.Line(row.Line);
        var cells = row.Cells;
        if (row.HasBadBytes)
        {
            var bad = cells.FindIndex(cell => cell.Contains('\uFFFD', StringComparison.Ordinal));
            sink.Add(new InputProblem(location, bad >= 0 && bad < header.Count && header[bad].Length > 0 ? InputLimits.Field(header[bad]) : null, "not valid UTF-8"));
            return;
        }

        if (cells.Count != header.Count)
        {
            var count = $"expected {header.Count.ToString(CultureInfo.InvariantCulture)} fields as in the header, got {cells.Count.ToString(CultureInfo.InvariantCulture)}";
            sink.Add(cells.Count < header.Count
                ? new InputProblem(location, header[cells.Count].Length > 0 ? InputLimits.Field(header[cells.Count]) : null, $"{count}: this column and the ones after it are missing")
                : new InputProblem(location, null, $"{count}: the cells after column {header.Count.ToString(CultureInfo.InvariantCulture)} have no header"));
            return;
        }

        var obj = new JsonObject();
        foreach (var (name, indexes) in columns)
        {
            var values = indexes.Select(index => cells[index]).Where(value => value.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count > 1)
            {
                sink.Add(new InputProblem(location, name, $"the columns {string.Join(" and ", indexes.Select(index => (index + 1).ToString(CultureInfo.InvariantCulture)))} are both named {name} but differ: {string.Join(" vs ", values.Select(InputLimits.Quote))}"));
                return;
            }

            if (values.Count == 1)
            {
                Set(obj, name, values[0]);
            }
        }

        var rowKind = kind;
        if (usageTypeColumn >= 0 && cells[usageTypeColumn].Length > 0)
        {
            rowKind = InputRecordTypes.OfUsageType(cells[usageTypeColumn].Trim());
            if (rowKind is null)
            {
                sink.Add(new InputProblem(location, UsageTypeColumn, $"must be one of {InputRecordTypes.UsageTypeNames}; got {InputLimits.Quote(cells[usageTypeColumn])}"));
                return;
            }
        }

        RecordConverter.Add(obj, location, RecordSniffer.Of(obj, rowKind), sink);
    }

    /// <summary>The columns to read, by wire name, with the cells each is read from; unknown and repeated names are reported.</summary>
    private static Dictionary<string, List<int>> Columns(List<string> header, Type? kind, string headerLocation, InputSink sink)
    {
        var kinds = kind is { } given ? [given] : InputRecordTypes.All;
        var columns = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (name.Length == 0 || name == UsageTypeColumn)
            {
                continue;
            }

            if (!kinds.Any(candidate => RecordChecks.WirePaths(candidate).Contains(name)))
            {
                var near = kinds.SelectMany(candidate => RecordChecks.WirePaths(candidate)).FirstOrDefault(path => string.Equals(path, name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? string.Empty : $" (did you mean {near}? names are case-sensitive)";
                sink.Add(new InputProblem(headerLocation, InputLimits.Field(name), $"column {(i + 1).ToString(CultureInfo.InvariantCulture)} names no member of {(kind is { } k ? k.Name : "any record kind")}{hint}; the column is ignored"));
                continue;
            }

            if (columns.TryGetValue(name, out var indexes))
            {
                indexes.Add(i);
            }
            else
            {
                columns[name] = [i];
            }
        }

        foreach (var (name, indexes) in columns.Where(pair => pair.Value.Count > 1))
        {
            sink.Add(new InputProblem(headerLocation, name, $"the column appears {indexes.Count.ToString(CultureInfo.InvariantCulture)} times (columns {string.Join(", ", indexes.Select(index => (index + 1).ToString(CultureInfo.InvariantCulture)))}); rows whose cells differ are not read"));
        }

        return columns;
    }

    private static void Set(JsonObject obj, string path, string value)
    {
        var parts = path.Split('.');
        var target = obj;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject child)
            {
                child = [];
                target[part] = child;
            }

            target = child;
        }

        // Strings throughout: the serializer reads numbers from strings (UsageJson.Options).
        target[parts[^1]] = value;
    }

    /// <summary>One row: the line it starts on, its cells, and whether its bytes were not all UTF-8 (its cells then hold U+FFFD).</summary>
    private sealed record Row(int Line, List<string> Cells, bool HasBadBytes);

    /// <summary>Reads the row that starts the window: the row and how many lines it took, or null when a quoted cell is never closed.</summary>
    private static (Row? Row, int Lines) ReadRow(LineWindow lines)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var quotedCell = false;
        var hasBadBytes = false;
        for (var offset = 0; offset < InputLimits.MaxQuotedLines && lines.TryGet(offset, out var line); offset++)
        {
            hasBadBytes |= line.Text is null;
            var text = line.Text ?? line.Replaced!;
            if (offset > 0)
            {
                cell.Append('\n');
            }

            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inQuotes)
                {
                    if (c != '"')
                    {
                        cell.Append(c);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (c == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                    quotedCell = false;
                }
                else if (c == '"' && cell.Length == 0 && !quotedCell)
                {
                    inQuotes = true;
                    quotedCell = true;
                }
                else
                {
                    cell.Append(c);
                }
            }

            if (!inQuotes)
            {
                cells.Add(cell.ToString());
                lines.TryGet(0, out var first);
                return (new Row(first.Number, cells, hasBadBytes), offset + 1);
            }
        }

        return (null, 0);
    }

    /// <summary>
    /// The lines ahead of the reader, decoded, pulled from the source only as far as a quoted cell
    /// needs (at most <see cref="InputLimits.MaxQuotedLines"/>), so the reader never holds more.
    /// A line over <see cref="InputLimits.MaxLineBytes"/> is reported when it is reached and is no line of the window.
    /// </summary>
    private sealed class LineWindow(LineSource source, InputSink sink)
    {
        private readonly List<TextLines.Line> _lines = [];
        private bool _ended;

        /// <summary>Whether a problem was reported (by the reader or for a line too long).</summary>
        public bool AnyProblem { get; private set; }

        public bool TryGet(int index, out TextLines.Line line)
        {
            while (_lines.Count <= index && !_ended)
            {
                if (!source.Next(out var next))
                {
                    _ended = true;
                }
                else if (next.TooLongBytes > 0)
                {
                    Problem(InputLimits.TooLong(next.Number, next.TooLongBytes));
                }
                else
                {
                    _lines.Add(TextLines.Decode(next.Number, next.Bytes));
                }
            }

            line = index < _lines.Count ? _lines[index] : default;
            return index < _lines.Count;
        }

        public void Drop(int count) => _lines.RemoveRange(0, count);

        public void Problem(InputProblem problem)
        {
            AnyProblem = true;
            sink.Add(problem);
        }
    }
}
