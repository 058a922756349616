using System.Net;
using System.Text;
using System.Text.Json;
using UsageSchema.Errors;
using UsageSchema.Perseus;
using UsageSchema.Serialization;

namespace UsageSchema.Emulator.Tests;

public sealed class PerseusEmulatorTests
{
    private const string ProjectOid = "0123456789abcdef01234567";

    private static async Task<List<UsageReport>> ReadBackAsync(EmulatorFixture emulator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.PerseusBaseAddress, PerseusOperations.ReportUsage.RelativePath(ProjectOid)));
        request.Headers.Add(PerseusOperations.SecuritySchemes.PerseusToken, emulator.Host.Options.PerseusToken);
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<List<UsageReport>>(await response.Content.ReadAsStringAsync(), UsageJson.Options)!;
    }

    [Fact]
    public async Task Same_upsert_key_twice_keeps_one_report_with_the_last_value()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var client = emulator.Perseus();
        var first = await client.ReportAsync(EmulatorFixture.Report(10));
        var second = EmulatorFixture.Report(25);
        second.Start = "2026-03-01T01:00:00+01:00"; // the same instant, written differently
        var again = await client.ReportAsync(second);

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(200, again.StatusCode);
        var stored = Assert.Single(await ReadBackAsync(emulator));
        Assert.Equal(25, stored.Value);
    }

    [Fact]
    public async Task Reports_with_different_keys_are_both_stored()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var result = await emulator.Perseus().ReportAsync([EmulatorFixture.Report(1, user: "alice"), EmulatorFixture.Report(2, user: "bob")]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["alice", "bob"], (await ReadBackAsync(emulator)).Select(report => report.User));
    }

    [Fact]
    public async Task Missing_or_wrong_token_is_answered_401()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var response = await emulator.Http.PostAsync(new Uri(emulator.Host.PerseusBaseAddress, PerseusOperations.ReportUsage.RelativePath(ProjectOid)),
            new StringContent(JsonSerializer.Serialize(EmulatorFixture.Report(1), UsageJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<ServiceAuthenticationException>(() =>
            emulator.Perseus(options => options.Token = new Secrets.Secret("wrong")).ReportAsync(EmulatorFixture.Report(1)));
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task Invalid_report_is_answered_422_listing_the_violations()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Host.PerseusBaseAddress, PerseusOperations.ReportUsage.RelativePath(ProjectOid)))
        {
            Content = new StringContent("""{"project_oid": "0123456789abcdef01234567", "compute_project_id": "p", "resource_id": "r", "start": "soon", "end": "2026-03-02T00:00:00Z", "value": -1}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("perseus-token", emulator.Host.Options.PerseusToken);
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = ServiceErrorMessage.Extract(await response.Content.ReadAsStringAsync());
        Assert.Contains("start", message, StringComparison.Ordinal);
        Assert.Contains("value", message, StringComparison.Ordinal);
        Assert.Empty(await ReadBackAsync(emulator));
    }

    [Fact]
    public async Task Project_in_the_path_must_match_the_body()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Host.PerseusBaseAddress, PerseusOperations.ReportUsage.RelativePath("ffffffffffffffffffffffff")))
        {
            Content = new StringContent(JsonSerializer.Serialize(EmulatorFixture.Report(1), UsageJson.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(PerseusOperations.SecuritySchemes.PerseusToken, emulator.Host.Options.PerseusToken);
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
