using System.Text.Json;
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
                problems.Add(new InputProblem(location, null, "not valid UTF-8"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            any = true;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line.Text);
            }
            catch (JsonException exception)
            {
                problems.Add(new InputProblem(location, null, "malformed JSON: " + RecordConverter.Plain(exception.Message)));
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
}
