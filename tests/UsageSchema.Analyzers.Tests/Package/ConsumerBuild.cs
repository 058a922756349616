using System.Text.RegularExpressions;
using UsageSchema.Analyzers.Tests.Harness;

namespace UsageSchema.Analyzers.Tests.Package;

/// <summary>
/// Packs src/UsageSchema and builds samples/GatewayConsumer against the package, once for all
/// tests of <see cref="PackagedConsumerTests"/>. Everything happens in a temporary folder laid out
/// like the repository (samples/GatewayConsumer next to artifacts/packages, so the sample's own
/// nuget.config finds the local feed), with a NuGet packages folder of its own: no UsageSchema
/// package restored earlier on this machine can stand in for the one just packed.
/// </summary>
public sealed partial class ConsumerBuild : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    public ConsumerBuild()
    {
        Root = Directory.CreateTempSubdirectory("usageschema-consumer-").FullName;
        Feed = Path.Combine(Root, "artifacts", "packages");
        Sample = Path.Combine(Root, "samples", "GatewayConsumer");
        Packages = Path.Combine(Root, "nuget-packages");

        PackOutput = Check(DotNetCli.Run(Repository.Root, StepTimeout, "pack", Path.Combine(Repository.Root, "src", "UsageSchema"), "-c", "Release", "-o", Feed, "--disable-build-servers", "-nodeReuse:false"));
        CopyDirectory(Path.Combine(Repository.Root, "samples", "GatewayConsumer"), Sample);
        BuildOutput = Build();
        Diagnostics = Parse(BuildOutput);
    }

    public string Root { get; }

    public string Feed { get; }

    public string Sample { get; }

    public string Packages { get; }

    public string PackOutput { get; }

    public string BuildOutput { get; }

    /// <summary>The diagnostics of the sample's build, one per distinct line of output.</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; }

    /// <summary>Restores (into the isolated packages folder) and builds the copied sample; fails on a build error.</summary>
    public string Build() => Check(DotNetCli.Run(Sample, StepTimeout, "build", "--packages", Packages, "-tl:off", "-clp:NoSummary", "--disable-build-servers", "-nodeReuse:false"));

    /// <summary>Runs the code fixes shipped in the package over the sample, as dotnet format does.</summary>
    public string FixAll(string diagnosticId) => Check(DotNetCli.Run(Sample, StepTimeout, "format", "analyzers", "--diagnostics", diagnosticId, "--severity", "warn", "--no-restore"));

    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
    [
        .. output.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => match.Value)
            .Distinct(StringComparer.Ordinal)
            .Select(line => DiagnosticLine().Match(line))
            .Select(match => new BuildDiagnostic(
                match.Groups["file"].Value,
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                match.Groups["message"].Value)),
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temporary folder is the system's to clean.
        }
    }

    private static string Check((int ExitCode, string Output) result)
    {
        Assert.True(result.ExitCode == 0, "dotnet failed:\n" + result.Output);
        return result.Output;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): (?<severity>warning|error|info) (?<id>[A-Z]+[0-9]+): (?<message>.*) \[[^\]]+\]$")]
    private static partial Regex DiagnosticLine();
}

/// <summary>One diagnostic of a command-line build.</summary>
public sealed record BuildDiagnostic(string File, int Line, string Severity, string Id, string Message)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(File)}:{Line} {Severity} {Id}";
}
