using System.IO.Compression;
using UsageSchema.Analyzers.Tests.Harness;

namespace UsageSchema.Analyzers.Tests.Package;

/// <summary>
/// The proof in a consumer: samples/GatewayConsumer references the packed UsageSchema package by
/// version, from a local folder feed, and its command-line build reports exactly the expected
/// diagnostics, none on the correct code, with its .editorconfig's severity override applied.
/// </summary>
// A Release pack and a consumer restore and build: `--filter "Category!=Slow"` leaves it out of a quick run.
[Trait("Category", "Slow")]
public sealed class PackagedConsumerTests(ConsumerBuild consumer) : IClassFixture<ConsumerBuild>
{
    /// <summary>Every diagnostic the sample's build must report (file, line, ID), and no other. Listed in samples/GatewayConsumer/README.md.</summary>
    private static readonly string[] Expected =
    [
        "Defects/ConstantsBreakingTheSpec.cs:17 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:18 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:20 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:21 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:26 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:37 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:37 warning USG1003",
        "Defects/ConstantsBreakingTheSpec.cs:42 warning USG1003",
        "Defects/MissingRequiredFields.cs:11 warning USG1001",
        "Defects/MissingRequiredFields.cs:19 warning USG1001",
        "Defects/MissingRequiredFields.cs:25 warning USG1001",
        "Defects/MissingRequiredFields.cs:36 warning USG1001",
        "Defects/NullOrEmptyRequiredFields.cs:11 warning USG1002",
        "Defects/NullOrEmptyRequiredFields.cs:14 warning USG1002",
        "Defects/NullOrEmptyRequiredFields.cs:16 warning USG1002",
        "Defects/NullOrEmptyRequiredFields.cs:29 warning USG1002",
    ];

    [Fact]
    public void One_package_carries_both_libraries_and_every_Roslyn_component()
    {
        var package = Assert.Single(Directory.GetFiles(consumer.Feed, "*.nupkg"));
        Assert.Equal("UsageSchema.0.1.0.nupkg", Path.GetFileName(package));
        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/net8.0/UsageSchema.dll", entries);
        Assert.Contains("lib/net10.0/UsageSchema.dll", entries);
        Assert.Equal(
            ["analyzers/dotnet/cs/UsageSchema.Analyzers.dll", "analyzers/dotnet/cs/UsageSchema.CodeFixes.dll", "analyzers/dotnet/cs/UsageSchema.Generators.dll", "analyzers/dotnet/cs/YamlDotNet.dll"],
            entries.Where(entry => entry.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        using var nuspec = new StreamReader(archive.GetEntry("UsageSchema.nuspec")!.Open());
        var manifest = nuspec.ReadToEnd();
        Assert.DoesNotContain("UsageSchema.Analyzers", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("UsageSchema.Generators", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_restores_the_package_from_the_local_feed_into_its_own_packages_folder()
    {
        Assert.True(File.Exists(Path.Combine(consumer.Packages, "usageschema", "0.1.0", "analyzers", "dotnet", "cs", "UsageSchema.Analyzers.dll")));
        var assets = File.ReadAllText(Path.Combine(consumer.Sample, "obj", "project.assets.json"));
        Assert.Contains("\"UsageSchema/0.1.0\"", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\": \"project\"", assets, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_reports_exactly_the_expected_diagnostics()
    {
        var reported = consumer.Diagnostics
            .Where(diagnostic => diagnostic.Id.StartsWith("USG", StringComparison.Ordinal))
            .Select(diagnostic => $"{Path.GetRelativePath(consumer.Sample, diagnostic.File).Replace('\\', '/')}:{diagnostic.Line} {diagnostic.Severity} {diagnostic.Id}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(Expected, reported);
    }

    [Fact]
    public void The_components_load_and_nothing_else_is_reported()
    {
        // CS8032/CS9057: an analyzer or generator that cannot be loaded; AD0001: one that threw;
        // CS8784/CS8785: a generator that failed.
        Assert.DoesNotContain(consumer.Diagnostics, diagnostic => !diagnostic.Id.StartsWith("USG", StringComparison.Ordinal));
        Assert.DoesNotContain("AD0001", consumer.BuildOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("CS9057", consumer.BuildOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", consumer.BuildOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_correct_code_has_no_diagnostic()
    {
        Assert.DoesNotContain(consumer.Diagnostics, diagnostic => Path.GetFileName(diagnostic.File) is "CorrectRecords.cs" or "Program.cs");
    }

    [Fact]
    public async Task The_editorconfig_severity_override_silences_USG1001_in_the_fixtures_only()
    {
        Assert.DoesNotContain(consumer.Diagnostics, diagnostic => diagnostic.File.Contains("Fixtures", StringComparison.Ordinal));
        Assert.Contains(consumer.Diagnostics, diagnostic => diagnostic.Id == "USG1001");
        Assert.Contains("dotnet_diagnostic.USG1001.severity = none", File.ReadAllText(Path.Combine(consumer.Sample, ".editorconfig")), StringComparison.Ordinal);

        // Without the override the fixture is reported: its silence in the build is the override's doing.
        var fixture = AnalyzerHarness.Compile(File.ReadAllText(Path.Combine(consumer.Sample, "Fixtures", "IncompleteRecords.cs")));
        var diagnostic = Assert.Single(await AnalyzerHarness.AnalyzeAsync(fixture));
        Assert.Equal("USG1001", diagnostic.Id);
    }

    [Fact]
    public void The_messages_name_fields_in_wire_terms()
    {
        Assert.Contains(
            consumer.Diagnostics,
            diagnostic => diagnostic.Message.StartsWith("UsageReport is missing required fields 'end' (End), 'value' (Value)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_packaged_code_fix_adds_the_missing_fields_so_only_the_placeholders_remain_reported()
    {
        var fixedSample = Path.Combine(consumer.Root, "samples", "FixedConsumer");
        foreach (var file in Directory.EnumerateFiles(consumer.Sample, "*", SearchOption.AllDirectories).Where(file => !Path.GetRelativePath(consumer.Sample, file).StartsWith("bin", StringComparison.Ordinal)))
        {
            var target = Path.Combine(fixedSample, Path.GetRelativePath(consumer.Sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Check(DotNetCli.Run(fixedSample, TimeSpan.FromMinutes(5), "format", "analyzers", "--diagnostics", "USG1001", "--severity", "warn", "--no-restore"));
        var output = Check(DotNetCli.Run(fixedSample, TimeSpan.FromMinutes(5), "build", "--packages", consumer.Packages, "-tl:off", "-clp:NoSummary", "--disable-build-servers", "-nodeReuse:false"));
        var diagnostics = ConsumerBuild.Parse(output);

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "USG1001");
        var placeholders = diagnostics.Where(diagnostic => diagnostic.File.EndsWith("MissingRequiredFields.cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, diagnostic => Assert.Equal("USG1002", diagnostic.Id));
        Assert.Contains("Resource = default!", File.ReadAllText(Path.Combine(fixedSample, "Defects", "MissingRequiredFields.cs")), StringComparison.Ordinal);
    }

    private static string Check((int ExitCode, string Output) result)
    {
        Assert.True(result.ExitCode == 0, "dotnet failed:\n" + result.Output);
        return result.Output;
    }
}
