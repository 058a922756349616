using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using UsageSchema.Emulator.Acceptance;
using UsageSchema.Emulator.Tests.WireForms;

namespace UsageSchema.Emulator.Tests.Acceptance;

/// <summary>
/// The compiled pass/fail reading of each request body (the intake's fast path) against JsonSchema.Net's
/// (the reference, which phrases every rejection): the same verdict on the wire-form corpus, the fidelity
/// fixtures, and seeded mutations of every valid body, for all three APIs; and the fast path's whole
/// verdict (violations, forms read) equal to the full path's.
/// </summary>
public sealed class CompiledSchemaTests
{
    private const int Seed = 20_141;

    private static readonly AcceptanceEngine Engine = AcceptanceEngine.Shared;

    public static TheoryData<string> Services => ["amie", "gateway", "perseus"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_keyword_of_the_spec_is_compiled(string service) => Assert.True(CheckOf(service).Compiled.Complete);

    [Fact]
    public void The_corpus_is_judged_alike_by_both_readings()
    {
        var checkedCount = 0;
        foreach (var entry in WireFormCorpus.Instance.Cases.Where(entry => entry.Scope == "body"))
        {
            var body = BodyOf(entry);
            AssertAlike(entry.Service, body, entry.Id);
            checkedCount++;
        }

        Assert.True(checkedCount > 40, $"only {checkedCount} corpus bodies read");
    }

    [Fact]
    public void The_gateway_fidelity_submissions_are_judged_alike()
    {
        var lines = File.ReadAllLines(Path.Combine(FixturesFolder(), "fidelity", "gateway", "submissions.jsonl")).Where(line => line.Length > 0).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            AssertAlike("gateway", JsonNode.Parse(line)!, line);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Seeded_mutations_of_every_valid_corpus_body_are_judged_alike(string service) => AssertMutationsAlike(service, writer: null);

    /// <summary>
    /// The same, written as a site's script may write JSON (non-ASCII text and <c>+</c> unescaped, as UTF-8): the
    /// compiled reading counts lengths and matches patterns from the raw bytes where it can, so these meet it unescaped.
    /// </summary>
    [Theory]
    [MemberData(nameof(Services))]
    public void Seeded_mutations_written_unescaped_are_judged_alike(string service) => AssertMutationsAlike(service, Unescaped);

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void AssertMutationsAlike(string service, JsonSerializerOptions? writer)
    {
        var random = new Random(Seed);
        var valid = WireFormCorpus.Instance.Cases.Where(entry => entry.Scope == "body" && entry.Service == service)
            .Select(BodyOf).Where(body => CheckOf(service).ReferenceIsValid(JsonSerializer.SerializeToElement(body))).ToList();
        Assert.NotEmpty(valid);
        var mutations = 0;
        foreach (var body in valid)
        {
            // A seeded sample of the members of each body keeps the run short (JsonSchema.Net phrases every rejection).
            foreach (var pointer in Pointers(body).OrderBy(_ => random.Next()).Take(24))
            {
                foreach (var replacement in Replacements(random))
                {
                    var mutated = body.DeepClone();
                    Replace(mutated, pointer, replacement?.DeepClone());
                    AssertAlike(service, mutated, $"{pointer} := {replacement?.ToJsonString() ?? "(removed)"} in {body.ToJsonString()}", writer);
                    mutations++;
                }
            }
        }

        Assert.True(mutations > 100, $"only {mutations} mutations");
    }

    [Fact]
    public void Generated_amie_messages_of_many_records_are_judged_alike()
    {
        var random = new Random(Seed);
        var template = BodyOf(WireFormCorpus.Instance.Case("amie.compute.canonical"));
        for (var round = 0; round < 40; round++)
        {
            var message = template.DeepClone();
            var records = message["Records"]!.AsArray();
            var record = records[0]!;
            records.Clear();
            for (var i = 0; i < 1 + random.Next(20); i++)
            {
                var copy = record.DeepClone();
                copy["LocalRecordID"] = $"job-{round}-{i}";
                if (random.Next(4) == 0)
                {
                    var pointers = Pointers(copy).ToList();
                    Replace(copy, pointers[random.Next(pointers.Count)], Replacements(random)[random.Next(8)]?.DeepClone());
                }

                records.Add(copy);
            }

            AssertAlike("amie", message, message.ToJsonString());
        }
    }

    /// <summary>Both readings agree on the body as sent, and the fast path's verdict is the full path's.</summary>
    private static void AssertAlike(string service, JsonNode body, string because, JsonSerializerOptions? writer = null)
    {
        var check = CheckOf(service);
        using var document = JsonDocument.Parse(body.ToJsonString(writer));
        var element = document.RootElement;
        var reference = check.ReferenceIsValid(element);
        var compiled = check.Compiled.IsValid(element);
        Assert.True(reference == compiled, $"JsonSchema.Net says {reference}, the compiled reading {compiled}: {because}");

        var fast = check.Check(element);
        var full = check.Check(JsonNode.Parse(element.GetRawText()));
        Assert.Equal(full.Violations, fast.Violations);
        Assert.Equal(full.FormsRead, fast.FormsRead);
        Assert.True(JsonElement.DeepEquals(full.Body, fast.Body), because);
    }

    private static RequestBodyCheck CheckOf(string service) => service switch
    {
        "amie" => Engine.Amie.Body(HttpMethod.Post, "/usage"),
        "gateway" => Engine.Gateway.Body(HttpMethod.Post, "/gateway/v2/job_attributes"),
        "perseus" => Engine.Perseus.Body(HttpMethod.Post, "/service/UsageReporting/{project_oid}"),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>A corpus body as the service's check reads it (the gateway's form fields as an object of strings, as the service builds it).</summary>
    private static JsonNode BodyOf(WireFormCase entry)
    {
        var bytes = WireFormCorpus.Body(entry);
        if (entry.Service != "gateway")
        {
            return JsonNode.Parse(bytes)!;
        }

        var form = new FormReader(Encoding.UTF8.GetString(bytes)).ReadForm();
        return new JsonObject(form.Select(field => KeyValuePair.Create(field.Key, (JsonNode?)JsonValue.Create(field.Value.Count > 0 ? field.Value[0] : string.Empty))));
    }

    /// <summary>The JSON pointer of every member and array item of <paramref name="node"/> (not the root).</summary>
    private static IEnumerable<string> Pointers(JsonNode? node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (name, value) in members)
                {
                    yield return prefix + "/" + name;
                    foreach (var nested in Pointers(value, prefix + "/" + name))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    yield return prefix + "/" + i;
                    foreach (var nested in Pointers(items[i], prefix + "/" + i))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    /// <summary>Values that break or bend each keyword the specs use: types, empty text, signs, fractions, bad and odd times, null, absence (a null entry).</summary>
    private static List<JsonNode?> Replacements(Random random)
    {
        JsonNode?[] all =
        [
            null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(1.0m), JsonValue.Create(1e300),
            JsonValue.Create(""), JsonValue.Create("x"), JsonValue.Create("1"), JsonValue.Create("-2.5"), JsonValue.Create("1e-05"), JsonValue.Create("+2"),
            JsonValue.Create(true), new JsonArray(), new JsonArray((JsonNode?)null), new JsonObject(),
            JsonValue.Create("2021-01-01T00:00:00Z"), JsonValue.Create("2031-01-01T00:00:00+01:00"), JsonValue.Create("2021-01-01"), JsonValue.Create("2021-13-01T00:00:00Z"),
            JsonValue.Create("2019-05-31 14:32 PST"), JsonValue.Create("2019-05-31 14:32:00 -07:00"), JsonValue.Create("Compute"), JsonValue.Create("refund"),
            JsonValue.Create("👍"), JsonValue.Create("é"), JsonValue.Create("e\u0301"), JsonValue.Create(long.MaxValue), JsonValue.Create("5f2b1c3d4e5f60718293a4b5"), JsonValue.Create(" 1 "),
        ];

        // Absence (a removed member) is the first, always; then a seeded handful of the rest.
        return [Removed, .. all.OrderBy(_ => random.Next()).Take(8)];
    }

    /// <summary>Marks "remove the member" in <see cref="Replacements"/>.</summary>
    private static readonly JsonNode Removed = JsonValue.Create("\u0000removed")!;

    private static void Replace(JsonNode root, string pointer, JsonNode? value)
    {
        var cut = pointer.LastIndexOf('/');
        var parent = root;
        foreach (var token in pointer[..cut].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            parent = parent is JsonArray array ? array[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)]! : parent[token]!;
        }

        var last = pointer[(cut + 1)..];
        var remove = value is JsonValue marker && marker.GetValueKind() == JsonValueKind.String && marker.GetValue<string>() == Removed.GetValue<string>();
        switch (parent)
        {
            case JsonObject members when remove:
                members.Remove(last);
                break;
            case JsonObject members:
                members[last] = value;
                break;
            case JsonArray items when remove:
                items.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonArray items:
                items[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
        }
    }

    private static string FixturesFolder() => Path.GetDirectoryName(WireFormCorpus.Folder)!;
}
