using System.Diagnostics;
using UsageSchema.Amie;
using UsageSchema.Tests.Shared.Wire;

namespace UsageSchema.Tests.Generation;

/// <summary>
/// Runs the NSwag host as the build runs it, to pin what a spec author sees when a spec is broken:
/// an MSBuild error on the spec file, not a C# error in half-generated code.
/// </summary>
public sealed class NSwagHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("usage-schema-nswag-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Valid_spec_generates_one_file_named_after_the_spec()
    {
        var spec = WriteSpec("good.yaml", MinimalSpec("Widget"));

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.True(exitCode == 0, error);
        var code = await File.ReadAllTextAsync(Path.Combine(_directory, "out", "good.g.cs"));
        Assert.Contains("public partial class Widget", code, StringComparison.Ordinal);
        Assert.Contains("public string? WidgetName { get; set; }", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extension_data_is_typed_as_json_elements_never_object()
    {
        var spec = WriteSpec("good.yaml", MinimalSpec("Widget"));

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.True(exitCode == 0, error);
        var code = await File.ReadAllTextAsync(Path.Combine(_directory, "out", "good.g.cs"));
        Assert.Contains("[System.Text.Json.Serialization.JsonExtensionData]", code, StringComparison.Ordinal);
        Assert.Contains("public System.Collections.Generic.IDictionary<string, System.Text.Json.JsonElement> AdditionalProperties", code, StringComparison.Ordinal);
        Assert.DoesNotContain("object>", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Types_only_no_per_operation_client_is_generated()
    {
        var spec = WriteSpec("amie.yaml", await File.ReadAllTextAsync(Path.Combine(SpecOperationReader.SpecDirectory(), "amie-usage.v1.yaml")));

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.True(exitCode == 0, error);
        var types = await File.ReadAllTextAsync(Path.Combine(_directory, "out", "amie.g.cs"));
        Assert.Contains("public partial class ComputeUsageRecord", types, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpClient", types, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiException", types, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_and_a_header_renamed_in_a_copy_of_the_spec_reach_the_emitted_descriptor()
    {
        // Edit the spec, nothing else: a renamed route and a renamed security header are what the
        // descriptors (and so the client, the emulator and the tests) use after the next build.
        // The names to rename are the compiled descriptors' (the spec as built), not literals here:
        // the test keeps working after the spec itself renames them.
        var route = AmieUsageOperations.GetUsageStatus.PathTemplate;
        var site = AmieUsageOperations.SecuritySchemes.XaSite;
        var key = AmieUsageOperations.SecuritySchemes.XaApiKey;
        var (renamedRoute, renamedSite) = ("/renamed" + route, site + "-NAME");
        var original = await File.ReadAllTextAsync(Path.Combine(SpecOperationReader.SpecDirectory(), "amie-usage.v1.yaml"));
        Assert.Contains($"  {route}:\n", original, StringComparison.Ordinal);
        Assert.Contains($"      name: {site}\n", original, StringComparison.Ordinal);
        var edited = original
            .Replace($"  {route}:\n", $"  {renamedRoute}:\n", StringComparison.Ordinal)
            .Replace($"      name: {site}\n", $"      name: {renamedSite}\n", StringComparison.Ordinal);
        var spec = WriteSpec("renamed.yaml", edited);

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.True(exitCode == 0, error);
        var operations = await File.ReadAllTextAsync(Path.Combine(_directory, "out", "renamed.operations.g.cs"));
        var status = Section(operations, "public static global::UsageSchema.Wire.SpecOperation GetUsageStatus ");
        Assert.Contains($"@\"{renamedRoute}\",", status, StringComparison.Ordinal);
        Assert.Contains($"securityHeaders: [@\"{key}\", @\"{renamedSite}\"],", status, StringComparison.Ordinal);
        Assert.Contains($"queryParameters: [@\"{AmieUsageOperations.Names.GetUsageStatus.FromTime}\", @\"{AmieUsageOperations.Names.GetUsageStatus.ToTime}\"],", status, StringComparison.Ordinal);
        Assert.Contains($"public const string XaSite = @\"{renamedSite}\";", operations, StringComparison.Ordinal);
        Assert.DoesNotContain($"@\"{route}\"", operations, StringComparison.Ordinal);
        Assert.DoesNotContain($"@\"{site}\"", operations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_parameter_the_operation_does_not_declare_fails_naming_the_spec_and_the_operation()
    {
        var spec = WriteSpec("undeclared.yaml", MinimalSpec("Widget").Replace("paths: {}", "paths:\n  /widgets/{id}:\n    get:\n      operationId: GetWidget\n      responses:\n        '200':\n          description: ok", StringComparison.Ordinal));

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{spec}: error USN0001:", error, StringComparison.Ordinal);
        Assert.Contains("GET /widgets/{id} names the path parameters {id} but declares none", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unchanged_output_is_not_rewritten()
    {
        var spec = WriteSpec("good.yaml", MinimalSpec("Widget"));
        await RunHostAsync(spec);
        var output = Path.Combine(_directory, "out", "good.g.cs");
        var firstWrite = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, firstWrite);

        await RunHostAsync(spec);

        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(output));
    }

    [Fact]
    public async Task Malformed_yaml_fails_with_an_error_on_the_spec_line()
    {
        var spec = WriteSpec("broken.yaml", "openapi: 3.0.3\ninfo:\n  title: x\n  description: a: b: c\n  version: '1'\npaths: {}\n");

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"broken\.yaml\(\d+,\d+\): error USN0001: NSwag could not generate code from this spec: ", error);
        Assert.False(File.Exists(Path.Combine(_directory, "out", "broken.g.cs")));
    }

    [Fact]
    public async Task Dangling_reference_fails_with_an_error_naming_the_spec_and_the_reference()
    {
        var spec = WriteSpec("dangling.yaml", MinimalSpec("Widget").Replace("type: string", "$ref: '#/components/schemas/Missing'", StringComparison.Ordinal));

        var (exitCode, _, error) = await RunHostAsync(spec);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{spec}: error USN0001:", error, StringComparison.Ordinal);
        Assert.Contains("Missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_arguments_are_a_usage_error()
    {
        var (exitCode, _, error) = await RunHostAsync("only-a-path.yaml");

        Assert.Equal(2, exitCode);
        Assert.Contains("error USN0002", error, StringComparison.Ordinal);
    }

    /// <summary>The generated member that starts with <paramref name="start"/>, up to the end of its initializer.</summary>
    private static string Section(string code, string start)
    {
        var from = code.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, start + " not found in:\n" + code);
        return code[from..code.IndexOf(");", from, StringComparison.Ordinal)];
    }

    private string WriteSpec(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string MinimalSpec(string schema) => $"""
        openapi: 3.0.3
        info:
          title: Test
          version: '1'
        paths: {"{}"}
        components:
          schemas:
            {schema}:
              type: object
              properties:
                widget_name:
                  type: string
        """;

    private async Task<(int ExitCode, string Output, string Error)> RunHostAsync(string target)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "UsageSchema.NSwag.dll");
        var argument = target.EndsWith(".yaml", StringComparison.Ordinal) && File.Exists(target) ? $"{target}|Test.Ns|TestOperations" : target;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { host, Path.Combine(_directory, "out"), argument })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
