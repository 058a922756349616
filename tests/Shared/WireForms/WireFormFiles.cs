using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;

namespace UsageSchema.Tests.Shared.WireForms;

/// <summary>
/// Where the wire-form corpus (<c>tests/Fixtures/wire-forms/</c>) is, and its request bodies' records as
/// JSON objects, for every test project that reads the corpus.
/// </summary>
internal static class WireFormFiles
{
    /// <summary>The corpus folder: the nearest <c>tests/Fixtures/wire-forms</c> with an <c>index.json</c> above the test's binaries.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>
    /// Every record of the AMIE and PERSEUS bodies in file order: a message's <c>Records</c>, an array's items, or
    /// the body itself. A body that is not JSON (the corpus has some on purpose) is left out.
    /// </summary>
    public static List<JsonObject> Records()
    {
        var objects = new List<JsonObject>();
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "amie"), "*.json").Concat(Directory.GetFiles(Path.Combine(Folder, "perseus"), "*.json")).Order(StringComparer.Ordinal))
        {
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (JsonException)
            {
                continue;
            }

            IEnumerable<JsonNode?> items = body switch
            {
                JsonObject message when message[ComputeUsageMessage.WireNames.Records] is JsonArray records => records,
                JsonArray array => array,
                _ => [body],
            };
            objects.AddRange(items.OfType<JsonObject>());
        }

        return objects;
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Fixtures", "wire-forms");
            if (File.Exists(Path.Combine(candidate, "index.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Fixtures/wire-forms/index.json not found above " + AppContext.BaseDirectory);
    }
}
