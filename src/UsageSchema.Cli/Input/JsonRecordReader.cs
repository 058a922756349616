using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Reads one JSON document: a <c>UsageMessage</c> as the reference client writes it
/// (<c>{"UsageType": "Compute", "Records": [...]}</c>), a single record, or an array of either.
/// Each record is read on its own, so a record of the wrong type does not stop its neighbours.
/// </summary>
public static class JsonRecordReader
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="kind">The kind of every bare record; null to tell it from the members.</param>
    public static InputReadResult Read(byte[] bytes, RecordKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var records = new List<InputRecord>();
        var problems = new List<InputProblem>();
        var (text, badLine) = TextLines.Decode(bytes);
        if (text is null)
        {
            problems.Add(new InputProblem(Line(badLine), null, "not valid UTF-8; the JSON document cannot be read"));
            return new InputReadResult(records, problems);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new InputProblem("file", null, "the file is empty; expected a JSON UsageMessage, record or array"));
            return new InputReadResult(records, problems);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, NodeOptions, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            problems.Add(new InputProblem(Line(line), null, "malformed JSON: " + RecordConverter.Plain(exception.Message)));
            return new InputReadResult(records, problems);
        }

        if (root is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                RecordConverter.AddFrom(array[i], $"[{i.ToString(CultureInfo.InvariantCulture)}]", kind, records, problems);
            }

            if (array.Count == 0)
            {
                problems.Add(new InputProblem("file", null, "the array is empty; no records"));
            }
        }
        else
        {
            RecordConverter.AddFrom(root, string.Empty, kind, records, problems);
        }

        return new InputReadResult(records, problems);
    }

    internal static string Line(long number) => "line " + number.ToString(CultureInfo.InvariantCulture);
}
