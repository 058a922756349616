using System.Net.Http.Json;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Perseus;
using UsageSchema.Secrets;
using UsageSchema.Serialization;

namespace UsageSchema.Cli.Tests.EndToEnd;

/// <summary>
/// What an emulator holds, read back over HTTP the way a site would check it: AMIE
/// <c>GET /usage/status</c> (records loaded and total charge per resource) and <c>GET /usage/failed</c>
/// with the library's <see cref="AmieUsageSender"/>, the PERSEUS listing <c>GET
/// service/UsageReporting/{project_oid}</c> with a plain <see cref="HttpClient"/> (the library has no
/// reader for it), and the gateway's <c>jobs/by_proj_dates</c> with <see cref="GatewayAttributesClient"/>.
/// Read from a fault-free emulator on the same store (<see cref="EmulatorProcess.RestartWithoutFaultsAsync"/>),
/// so an injected fault cannot make a count come out wrong.
/// </summary>
internal static class ServiceContents
{
    public static async Task<AmieContents> AmieAsync(EmulatorProcess emulator)
    {
        using var http = new HttpClient();
        var sender = new AmieUsageSender(http, new AmieClientOptions { BaseAddress = emulator.Amie, SiteName = EmulatorProcess.AmieSite, ApiKey = new Secret(EmulatorProcess.AmieKey) });
        var status = await sender.GetStatusAsync();
        var failed = await sender.GetFailedRecordsAsync();
        var resource = status.SingleOrDefault(entry => entry.Resource == RecordFiles.AmieResource);
        return new AmieContents(resource?.LoadedRecordCount ?? 0, resource?.TotalCharge ?? 0, status.Select(entry => entry.Resource ?? "?").ToList(), failed);
    }

    public static async Task<IReadOnlyList<UsageReport>> PerseusAsync(EmulatorProcess emulator, string projectOid)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Perseus, PerseusOperations.ReportUsage.RelativePath(projectOid)));
        request.Headers.Add(PerseusOperations.SecuritySchemes.PerseusToken, EmulatorProcess.PerseusToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<UsageReport>>(UsageJson.Options) ?? [];
    }

    /// <summary>The gateway jobs submitted on <paramref name="day"/> (UTC), all charged to the emulator's one grant.</summary>
    public static async Task<IReadOnlyList<GatewayJob>> GatewayAsync(EmulatorProcess emulator, DateOnly day)
    {
        using var http = new HttpClient();
        var client = new GatewayAttributesClient(http, new GatewayAttributesClientOptions { BaseAddress = emulator.Gateway, ApiKey = new Secret(EmulatorProcess.GatewayKey) });
        var jobs = await client.GetJobsByProjectAsync(EmulatorProcess.GatewayGrant, day, day);
        return jobs.Result?.ToList() ?? [];
    }
}

/// <summary>What the AMIE emulator reports: loaded records and total charge of the test resource, every resource named, and the failed records.</summary>
internal sealed record AmieContents(long Loaded, double TotalCharge, IReadOnlyList<string> Resources, IReadOnlyList<FailedUsageRecord> Failed);
