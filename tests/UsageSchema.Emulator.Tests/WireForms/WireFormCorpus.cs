using System.Text.Json;
using System.Text.Json.Serialization;
using UsageSchema.Tests.Shared.WireForms;

namespace UsageSchema.Emulator.Tests.WireForms;

/// <summary>The shared wire-form corpus, <c>tests/Fixtures/wire-forms/index.json</c>, and its request bodies.</summary>
internal sealed class WireFormCorpus
{
    private static readonly Lazy<WireFormCorpus> Loaded = new(Load);

    [JsonPropertyName("credentials")]
    public required Dictionary<string, string> Credentials { get; init; }

    [JsonPropertyName("defaults")]
    public required Dictionary<string, WireFormDefaults> Defaults { get; init; }

    [JsonPropertyName("cases")]
    public required List<WireFormCase> Cases { get; init; }

    public static WireFormCorpus Instance => Loaded.Value;

    public static string Folder => WireFormFiles.Folder;

    public WireFormCase Case(string id) => Cases.Single(entry => entry.Id == id);

    public static byte[] Body(WireFormCase entry) => File.ReadAllBytes(Path.Combine(Folder, entry.Body));

    private static WireFormCorpus Load() => JsonSerializer.Deserialize<WireFormCorpus>(File.ReadAllText(Path.Combine(Folder, "index.json")))
        ?? throw new InvalidOperationException("index.json is empty.");

}

internal sealed class WireFormDefaults
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("contentType")]
    public required string ContentType { get; init; }

    [JsonPropertyName("headers")]
    public required Dictionary<string, string> Headers { get; init; }
}

/// <summary>One case: a body (and maybe a path or headers), the services' verdict and its source.</summary>
internal sealed class WireFormCase
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("service")]
    public required string Service { get; init; }

    [JsonPropertyName("body")]
    public required string Body { get; init; }

    [JsonPropertyName("verdict")]
    public required string Verdict { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("scope")]
    public string Scope { get; init; } = "body";

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("form")]
    public string? Form { get; init; }

    [JsonPropertyName("names")]
    public List<string> Names { get; init; } = [];

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("knownClientGap")]
    public string? KnownClientGap { get; init; }

    public bool Accepted => Verdict switch
    {
        "accepted" => true,
        "rejected" => false,
        _ => throw new InvalidOperationException($"{Id}: verdict '{Verdict}' is neither accepted nor rejected."),
    };

    public override string ToString() => Id;
}
