using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads CSV (RFC 4180: commas, double quotes, <c>""</c> inside quotes) with a header row of wire
/// names. A dotted name such as <c>Attributes.NodeCount</c> sets a nested member; an empty cell leaves
/// the member unset. A <c>UsageType</c> column, when present, says each row's AMIE record type.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>Reads <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every row; null to tell it from the columns.</param>
    public static InputReadResult Read(byte[] bytes, RecordKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var records = new List<InputRecord>();
        var problems = new List<InputProblem>();
        var rows = Rows(TextLines.Split(bytes), problems);
        if (rows.Count == 0)
        {
            if (problems.Count == 0)
            {
                problems.Add(new InputProblem("file", null, "the file is empty; expected a header row of wire names"));
            }

            return new InputReadResult(records, problems);
        }

        var (headerLine, header) = rows[0];
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(headerLine), null, "the header row is empty"));
            return new InputReadResult(records, problems);
        }

        var usageTypeColumn = header.FindIndex(name => name.Trim() == "UsageType");
        foreach (var (lineNumber, cells) in rows.Skip(1))
        {
            var location = JsonRecordReader.Line(lineNumber);
            if (cells.Count != header.Count)
            {
                problems.Add(new InputProblem(location, null, $"expected {header.Count.ToString(CultureInfo.InvariantCulture)} fields as in the header, got {cells.Count.ToString(CultureInfo.InvariantCulture)}"));
                continue;
            }

            var obj = new JsonObject();
            for (var i = 0; i < header.Count; i++)
            {
                if (i != usageTypeColumn && cells[i].Length > 0)
                {
                    Set(obj, header[i].Trim(), cells[i]);
                }
            }

            var rowKind = kind;
            if (usageTypeColumn >= 0 && cells[usageTypeColumn].Length > 0)
            {
                rowKind = RecordConverter.KindOfUsageType(cells[usageTypeColumn]);
                if (rowKind is null)
                {
                    problems.Add(new InputProblem(location, "UsageType", $"must be one of Compute, Storage, Adjustment; got \"{cells[usageTypeColumn]}\""));
                    continue;
                }
            }

            RecordConverter.Add(obj, location, RecordConverter.KindOf(obj, rowKind), records, problems);
        }

        if (rows.Count == 1)
        {
            problems.Add(new InputProblem("file", null, "the file has a header but no records"));
        }

        return new InputReadResult(records, problems);
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

    /// <summary>The rows of the file with the line each starts on; a quoted cell may span lines.</summary>
    private static List<(int Line, List<string> Cells)> Rows(List<TextLines.Line> lines, List<InputProblem> problems)
    {
        var rows = new List<(int, List<string>)>();
        List<string>? cells = null;
        var cell = new StringBuilder();
        var inQuotes = false;
        var startLine = 0;
        foreach (var line in lines)
        {
            if (line.Text is null)
            {
                problems.Add(new InputProblem(JsonRecordReader.Line(line.Number), null, "not valid UTF-8"));
                cells = null;
                inQuotes = false;
                cell.Clear();
                continue;
            }

            if (!inQuotes)
            {
                if (line.Text.Length == 0)
                {
                    continue;
                }

                cells = [];
                startLine = line.Number;
            }
            else
            {
                cell.Append('\n');
            }

            var text = line.Text;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inQuotes)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        inQuotes = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    inQuotes = true;
                }
                else if (c == ',')
                {
                    cells!.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }

            if (!inQuotes)
            {
                cells!.Add(cell.ToString());
                cell.Clear();
                rows.Add((startLine, cells));
            }
        }

        if (inQuotes)
        {
            problems.Add(new InputProblem(JsonRecordReader.Line(startLine), null, "a quoted field is never closed"));
        }

        return rows;
    }
}
