using System.Net;
using UsageSchema.Amie;
using UsageSchema.GatewayAttributes;
using UsageSchema.Perseus;
using UsageSchema.Tests.Clients;
using UsageSchema.Tests.Shared.Wire;
using UsageSchema.Wire;

namespace UsageSchema.Tests.Wire;

/// <summary>
/// Every operation the specs declare, read from their YAML (not from the generated descriptors), is
/// called by the package's one client of its API at the spec's path, with the spec's method and the
/// spec's security headers; and the generated descriptors say what the YAML says.
/// </summary>
public sealed class SpecOperationsClientTests
{
    private const string StagedReply = "Job attributes:\n  Job: 4937919\n  Resource Name: expanse.sdsc.xsede\n";
    private const string NoJobs = """{"message":"No jobs found.","result":[]}""";

    public static TheoryData<string> Specs => new() { "amie-usage.v1.yaml", "access-gateway-attributes.v2.yaml", "perseus-usage-reporting.yaml" };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_descriptors_match_the_spec_text(string spec)
    {
        var expected = SpecOperationReader.Read(spec);
        var generated = Descriptors(spec);

        Assert.Equal(expected.Select(operation => operation.OperationId), generated.Select(operation => operation.OperationId));
        foreach (var (text, descriptor) in expected.Zip(generated))
        {
            Assert.Equal(text.Method, descriptor.Method.Method);
            Assert.Equal(text.Path, descriptor.PathTemplate);
            Assert.Equal(text.PathParameters.Order(StringComparer.Ordinal), descriptor.PathParameters.Order(StringComparer.Ordinal));
            Assert.Equal(text.QueryParameters, descriptor.QueryParameters);
            Assert.Equal(text.SecurityHeaders, descriptor.SecurityHeaders);
            Assert.NotEmpty(descriptor.SuccessStatusCodes);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task The_client_calls_every_operation_at_the_spec_path_with_the_spec_method_and_headers(string spec)
    {
        var calls = Calls(spec);
        var operations = SpecOperationReader.Read(spec);

        // A new operation in the spec fails here until the client calls it (and this test says how).
        Assert.Equal(operations.Select(operation => operation.OperationId).Order(StringComparer.Ordinal), calls.Keys.Order(StringComparer.Ordinal));
        foreach (var operation in operations)
        {
            var call = calls[operation.OperationId];
            var handler = new ScriptedHandler(_ => ScriptedHandler.Respond(call.Status, call.Body, call.MediaType));
            await call.Invoke(handler);

            var request = Assert.Single(handler.Requests);
            Assert.True(operation.Method == request.Method, $"{operation}: sent {request.Method}");
            var expectedPath = call.BasePath + Substitute(operation.Path, call.PathValues);
            Assert.True(expectedPath == request.Uri.AbsolutePath, $"{operation}: sent {request.Uri.AbsolutePath}, expected {expectedPath}");
            foreach (var name in QueryNames(request.Uri))
            {
                Assert.True(operation.QueryParameters.Contains(name), $"{operation}: query parameter '{name}' is not in the spec");
            }

            Assert.Equal(operation.SecuritySchemes.Count, operation.SecurityHeaders.Count);
            foreach (var (scheme, header) in operation.SecuritySchemes.Zip(operation.SecurityHeaders))
            {
                Assert.True(call.Credentials[scheme] == request.Header(header), $"{operation}: header '{header}' ({scheme}) is '{request.Header(header)}'");
            }
        }
    }

    private static IReadOnlyList<SpecOperation> Descriptors(string spec) => spec switch
    {
        "amie-usage.v1.yaml" => AmieUsageOperations.All,
        "access-gateway-attributes.v2.yaml" => GatewayAttributesOperations.All,
        "perseus-usage-reporting.yaml" => PerseusOperations.All,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "No such spec."),
    };

    private static Dictionary<string, Call> Calls(string spec)
    {
        var amie = new Dictionary<string, string> { ["XaApiKey"] = TestRecords.ApiKey, ["XaSite"] = "SDSC" };
        var gateway = new Dictionary<string, string> { ["XaApiKey"] = TestRecords.GatewayKey };
        var perseus = new Dictionary<string, string> { ["PerseusToken"] = TestRecords.PerseusToken };
        var day = new DateOnly(2024, 3, 1);
        var report = TestRecords.Report();
        return spec switch
        {
            "amie-usage.v1.yaml" => new()
            {
                ["SendUsage"] = Amie(handler => ClientFactory.Amie(handler).SendAsync(TestRecords.Compute()), """{"Message":"1 records have been queued for loading."}"""),
                ["GetUsageStatus"] = Amie(handler => ClientFactory.Amie(handler).GetStatusAsync("2024-03-01", "2024-03-02"), "[]"),
                ["GetLoadedRecords"] = Amie(handler => Drain(ClientFactory.Amie(handler).GetLoadedRecordsAsync(minLoadedTime: DateTimeOffset.UnixEpoch, localRecordId: "r1")), "[]"),
                ["GetFailedRecords"] = Amie(handler => ClientFactory.Amie(handler).GetFailedRecordsAsync(), """{"FailedRecords":[]}"""),
                ["ClearFailedRecords"] = Amie(handler => ClientFactory.Amie(handler).ClearFailedRecordsAsync(["17", "18"]), string.Empty, HttpStatusCode.NoContent, ["17,18"]),
            },
            "access-gateway-attributes.v2.yaml" => new()
            {
                ["SubmitJobAttributes"] = Gateway(handler => ClientFactory.Gateway(handler).SubmitAsync("John Doe", "expanse.sdsc.xsede.org", "4937919", DateTimeOffset.UnixEpoch), StagedReply, "text/plain"),
                ["GetJobsByProjectAndDates"] = Gateway(handler => ClientFactory.Gateway(handler).GetJobsByProjectAsync("TG-MCB170058", day, day.AddDays(30)), NoJobs, "application/json", ["TG-MCB170058", "2024-03-01", "2024-03-31"]),
                ["GetJobsByResourceUserAndDates"] = Gateway(handler => ClientFactory.Gateway(handler).GetJobsByResourceUserAsync("expanse.sdsc.xsede.org", "jdoe", day, day), NoJobs, "application/json", ["expanse.sdsc.xsede.org", "jdoe", "2024-03-01", "2024-03-01"]),
                ["GetLastJobs"] = Gateway(handler => ClientFactory.Gateway(handler).GetLastJobsAsync(), NoJobs, "application/json"),
            },
            "perseus-usage-reporting.yaml" => new()
            {
                ["ReportUsage"] = new Call(handler => ClientFactory.Perseus(handler).ReportAsync(report), "/api", perseus, [report.ProjectOid], HttpStatusCode.NoContent, string.Empty, "application/json"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "No such spec."),
        };

        Call Amie(Func<ScriptedHandler, Task> invoke, string body, HttpStatusCode status = HttpStatusCode.OK, string[]? values = null) =>
            new(invoke, "/api/v1", amie, values ?? [], status, body, "application/json");

        Call Gateway(Func<ScriptedHandler, Task> invoke, string body, string mediaType, string[]? values = null) =>
            new(invoke, "/acdb", gateway, values ?? [], HttpStatusCode.OK, body, mediaType);
    }

    private static async Task Drain<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
        }
    }

    /// <summary>The spec's path with each <c>{name}</c>, in order, replaced by the value the test passed.</summary>
    private static string Substitute(string template, IReadOnlyList<string> values)
    {
        var next = 0;
        var segments = template.Split('/').Select(segment => segment.StartsWith('{') ? values[next++] : segment).ToList();
        Assert.Equal(values.Count, next);
        return string.Join('/', segments);
    }

    private static IEnumerable<string> QueryNames(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => Uri.UnescapeDataString(pair.Split('=')[0]));

    /// <summary>How the test calls one operation, where the client's default base address puts it, and what it answers.</summary>
    private sealed record Call(
        Func<ScriptedHandler, Task> Invoke,
        string BasePath,
        IReadOnlyDictionary<string, string> Credentials,
        IReadOnlyList<string> PathValues,
        HttpStatusCode Status,
        string Body,
        string MediaType);
}
