using System.Net;
using UsageSchema.Tests.Shared.Wire;

namespace UsageSchema.Emulator.Tests;

/// <summary>
/// Every operation the specs declare, read from their YAML, is served by a real loopback emulator at
/// the spec's path and method: a request with the spec's security headers is answered, neither 404
/// nor 405; without them it is refused (401), so the emulator reads the headers the spec names.
/// </summary>
public sealed class SpecOperationsServedTests
{
    public static TheoryData<string> Specs => new() { "amie-usage.v1.yaml", "access-gateway-attributes.v2.yaml", "perseus-usage-reporting.yaml" };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task The_emulator_serves_every_operation_at_the_spec_path(string spec)
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var (baseAddress, credentials) = Service(fixture.Host, spec);

        foreach (var operation in SpecOperationReader.Read(spec))
        {
            using var request = Request(baseAddress, operation);
            foreach (var (scheme, header) in operation.SecuritySchemes.Zip(operation.SecurityHeaders))
            {
                request.Headers.TryAddWithoutValidation(header, credentials[scheme]);
            }

            using var response = await fixture.Http.SendAsync(request);
            Assert.True(
                response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Unauthorized),
                $"{operation}: {request.RequestUri} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            using var anonymous = Request(baseAddress, operation);
            using var refused = await fixture.Http.SendAsync(anonymous);
            Assert.True(HttpStatusCode.Unauthorized == refused.StatusCode, $"{operation}: without its security headers answered {(int)refused.StatusCode}");
        }
    }

    /// <summary>The spec's method at the spec's path, each <c>{name}</c> filled with a sample value.</summary>
    private static HttpRequestMessage Request(Uri baseAddress, SpecOperationText operation)
    {
        var path = string.Join('/', operation.Path.TrimStart('/').Split('/').Select(segment => segment.StartsWith('{') ? Sample(segment[1..^1]) : segment));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(baseAddress, path));
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            // Any body: the operation must be routed and authorized, not accepted.
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string Sample(string parameter) => parameter switch
    {
        "start_date" or "end_date" => "2026-03-01",
        "project_oid" => "65e1f0a2b3c4d5e6f7a8b9c0",
        "ids" => "1,2",
        _ => "sample",
    };

    private static (Uri BaseAddress, Dictionary<string, string> Credentials) Service(EmulatorHost host, string spec) => spec switch
    {
        "amie-usage.v1.yaml" => (host.AmieBaseAddress, new() { ["XaApiKey"] = host.Options.AmieApiKey, ["XaSite"] = host.Options.AmieSiteName }),
        "access-gateway-attributes.v2.yaml" => (host.GatewayBaseAddress, new() { ["XaApiKey"] = host.Options.GatewayApiKey }),
        "perseus-usage-reporting.yaml" => (host.PerseusBaseAddress, new() { ["PerseusToken"] = host.Options.PerseusToken }),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "No such spec."),
    };
}
