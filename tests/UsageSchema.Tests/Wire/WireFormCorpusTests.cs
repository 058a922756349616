using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Serialization;
using UsageSchema.Tests.Shared.WireForms;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Wire;

/// <summary>
/// The library's reading of the shared wire-form corpus (<c>tests/Fixtures/wire-forms/index.json</c>):
/// each body read with <see cref="UsageJson.Options"/> and judged by the generated <c>Validate()</c>
/// must get the verdict the live services give, so a client stricter or looser than the services
/// fails here. A case marked <c>knownClientGap</c> is one where the library disagrees today, for the
/// stated reason: it must still disagree (when it agrees, remove the mark).
/// </summary>
public sealed class WireFormCorpusTests
{
    private static readonly Lazy<JsonObject> Index = new(() => JsonNode.Parse(File.ReadAllText(Path.Combine(WireFormFiles.Folder, "index.json")))!.AsObject());

    public static TheoryData<string> BodyCaseIds =>
        [.. Cases().Where(entry => (entry["scope"]?.GetValue<string>() ?? "body") == "body").Select(entry => entry["id"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(BodyCaseIds))]
    public void The_library_reads_each_wire_form_as_the_services_do(string id)
    {
        var entry = Cases().Single(candidate => candidate["id"]!.GetValue<string>() == id);
        var servicesAccept = entry["verdict"]!.GetValue<string>() switch
        {
            "accepted" => true,
            "rejected" => false,
            var other => throw new InvalidOperationException($"{id}: verdict '{other}'"),
        };
        var body = File.ReadAllBytes(Path.Combine(WireFormFiles.Folder, entry["body"]!.GetValue<string>()));
        var (clientAccepts, rejection) = Read(entry["service"]!.GetValue<string>(), body);
        var gap = entry["knownClientGap"]?.GetValue<string>();

        if (gap is not null)
        {
            Assert.True(clientAccepts != servicesAccept,
                $"{id}: the library now gives the services' verdict ({entry["verdict"]}); remove its knownClientGap ('{gap}') from index.json.");
            return;
        }

        Assert.True(clientAccepts == servicesAccept,
            $"{id}: the services' verdict is '{entry["verdict"]}' ({entry["source"]}); the library {(clientAccepts ? "accepts it" : "rejects it: " + rejection)}");
        foreach (var name in (entry["names"] as JsonArray ?? []).Select(name => name!.GetValue<string>()))
        {
            Assert.True(rejection.Contains(name, StringComparison.Ordinal), $"{id}: the library's rejection does not name '{name}': {rejection}");
        }
    }

    /// <summary>The library's reading: deserialize with <see cref="UsageJson.Options"/>, then <c>Validate()</c>; the form fields of a gateway body as a JSON object of strings.</summary>
    private static (bool Accepted, string Rejection) Read(string service, byte[] body)
    {
        object? value;
        try
        {
            value = service switch
            {
                "amie" => JsonSerializer.Deserialize<UsageMessage>(body, UsageJson.Options),
                "gateway" => FormFields(body).Deserialize<JobAttributes>(UsageJson.Options),
                "perseus" => JsonSerializer.Deserialize<UsageReport>(body, UsageJson.Options),
                _ => throw new InvalidOperationException($"unknown service '{service}'"),
            };
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return (false, exception.Message);
        }

        if (value is not IValidatable validatable)
        {
            return (false, "not read as a spec type: " + (value?.GetType().Name ?? "null"));
        }

        var result = validatable.Validate();
        return (result.IsValid, string.Join("\n", result.Violations));
    }

    private static JsonObject FormFields(byte[] body)
    {
        var fields = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
        var json = new JsonObject();
        foreach (var name in fields.AllKeys.OfType<string>())
        {
            json[name] = fields.GetValues(name)?.FirstOrDefault();
        }

        return json;
    }

    private static IEnumerable<JsonObject> Cases() => Index.Value["cases"]!.AsArray().OfType<JsonObject>();

}
