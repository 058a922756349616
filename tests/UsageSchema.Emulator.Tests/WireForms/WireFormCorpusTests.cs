using System.Net.Http.Headers;
using System.Text.Json;
using UsageSchema.Amie;
using UsageSchema.Emulator.Acceptance;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator.Tests.WireForms;

/// <summary>
/// Every case of the wire-form corpus, sent byte for byte with a plain <see cref="HttpClient"/> to the
/// emulator on loopback: the emulator must give the verdict the live services are documented or seen
/// to give, name the record and the field of a rejection, and say which known form it read.
/// </summary>
public sealed class WireFormCorpusTests
{
    public static TheoryData<string> CaseIds => [.. WireFormCorpus.Instance.Cases.Select(entry => entry.Id)];

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task The_emulator_gives_each_wire_form_the_services_verdict(string id)
    {
        var corpus = WireFormCorpus.Instance;
        var entry = corpus.Case(id);
        var defaults = corpus.Defaults[entry.Service];
        await using var emulator = await EmulatorFixture.StartAsync(options =>
        {
            options.AmieSiteName = corpus.Credentials["amieSite"];
            options.AmieApiKey = corpus.Credentials["amieKey"];
            options.GatewayApiKey = corpus.Credentials["gatewayKey"];
            options.PerseusToken = corpus.Credentials["perseusToken"];
        });

        var baseAddress = entry.Service switch
        {
            "amie" => emulator.Host.AmieBaseAddress,
            "gateway" => emulator.Host.GatewayBaseAddress,
            "perseus" => emulator.Host.PerseusBaseAddress,
            _ => throw new InvalidOperationException($"{id}: unknown service '{entry.Service}'."),
        };
        var content = new ByteArrayContent(WireFormCorpus.Body(entry));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(defaults.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, entry.Path ?? defaults.Path)) { Content = content };
        foreach (var (name, value) in entry.Headers ?? defaults.Headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"{id}: header {name}");
        }

        using var response = await emulator.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var (accepted, rejection) = Judge(entry.Service, (int)response.StatusCode, text);

        Assert.True(entry.Accepted == accepted,
            $"{id}: the services' verdict is '{entry.Verdict}' ({entry.Source}); the emulator answered {(int)response.StatusCode}: {text}");
        if (entry.Status is { } status)
        {
            Assert.Equal(status, (int)response.StatusCode);
        }

        foreach (var name in entry.Names)
        {
            Assert.True(rejection.Contains(name, StringComparison.Ordinal), $"{id}: the rejection does not name '{name}': {rejection}");
        }

        if (accepted && KnownForms.All.FirstOrDefault(form => form.Id == entry.Form) is { Read: not null } reading)
        {
            var formsRead = response.Headers.TryGetValues("X-Emulator-Known-Forms", out var values) ? string.Join(", ", values) : string.Empty;
            Assert.True(formsRead.Split(", ").Contains(reading.Id), $"{id}: accepted, but not through the known form {reading.Id} (read: '{formsRead}').");
        }
    }

    [Fact]
    public void Every_known_accepted_form_has_a_case_in_the_corpus()
    {
        var covered = WireFormCorpus.Instance.Cases.Where(entry => entry.Accepted).Select(entry => entry.Form).ToHashSet();
        var uncovered = KnownForms.All.Select(form => form.Id).Where(form => !covered.Contains(form)).ToList();
        Assert.True(uncovered.Count == 0, "Known forms without an accepted case: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Every_case_names_its_source_and_an_existing_body_and_only_forms_the_emulator_knows()
    {
        var known = KnownForms.All.Select(form => form.Id).ToHashSet();
        foreach (var entry in WireFormCorpus.Instance.Cases)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Source), entry.Id);
            Assert.True(File.Exists(Path.Combine(WireFormCorpus.Folder, entry.Body)), $"{entry.Id}: {entry.Body}");
            Assert.True(entry.Form is null || known.Contains(entry.Form), $"{entry.Id}: unknown form {entry.Form}");
            Assert.True(entry.Accepted || entry.Names.Count > 0 || entry.Status is not null, $"{entry.Id}: a rejection says what it names or its status");
        }
    }

    /// <summary>Accepted or not, by each service's answer shape; the rejection's text (errors, failed records) for the names.</summary>
    private static (bool Accepted, string Rejection) Judge(string service, int status, string text)
    {
        switch (service)
        {
            case "amie":
                if (status != 200)
                {
                    return (false, text);
                }

                var answer = JsonSerializer.Deserialize<UsageResponse>(text, UsageJson.Options)!;
                var failed = (answer.FailedRecords ?? []).Concat(answer.ValidationFailedRecords ?? []).ToList();
                return (failed.Count == 0, string.Join("\n", failed.Select(record => record.Error)));
            case "gateway":
                return (status == 200 && text.StartsWith("Job attributes:", StringComparison.Ordinal), text);
            default:
                return (status is >= 200 and < 300, text);
        }
    }
}
