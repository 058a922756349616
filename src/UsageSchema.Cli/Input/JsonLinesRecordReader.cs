using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>Reads JSON Lines: one record or one <c>UsageMessage</c> per line; blank lines are skipped.</summary>
public static class JsonLinesRecordReader
{
    /// <summary>Reads <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    public static InputReadResult Read(byte[] bytes, RecordKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var records = new List<InputRecord>();
        var problems = new List<InputProblem>();
        var any = false;
        foreach (var line in TextLines.Split(bytes))
        {
            var location = JsonRecordReader.Line(line.Number);
            if (line.Text is null)
            {
                any = true;
                problems.Add(new InputProblem(location, FieldWithBadBytes(line.Replaced), "not valid UTF-8"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            any = true;
            var (node, fault) = RecordConverter.Parse(line.Text, lenient: false);
            if (fault is { } syntax)
            {
                problems.Add(new InputProblem(location, syntax.Field, syntax.Describe()));
                continue;
            }

            RecordConverter.AddFrom(node, location, kind, records, problems);
        }

        if (!any)
        {
            problems.Add(new InputProblem("file", null, "the file is empty; expected one JSON record or UsageMessage per line"));
        }

        return new InputReadResult(records, problems);
    }

    /// <summary>The member whose text holds a replaced byte, when the rest of the line is JSON; null otherwise.</summary>
    internal static string? FieldWithBadBytes(string? replaced)
    {
        if (replaced is null)
        {
            return null;
        }

        // A member named "" (or a very long name) is no field a reader can point at: then the line alone is named, or the path is cut.
        var (node, fault) = RecordConverter.Parse(replaced, lenient: true);
        return fault is null && FindReplacement(node, null) is { Length: > 0 } field ? InputLimits.Field(field) : null;
    }

    private static string? FindReplacement(JsonNode? node, string? path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path is null ? name : $"{path}.{name}";
                    if (name.Contains('\uFFFD', StringComparison.Ordinal))
                    {
                        return childPath;
                    }

                    if (FindReplacement(child, childPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindReplacement(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when RecordChecks.TryGetText(value, out var text) && text.Contains('\uFFFD', StringComparison.Ordinal):
                return path;
            default:
                return null;
        }
    }
}
