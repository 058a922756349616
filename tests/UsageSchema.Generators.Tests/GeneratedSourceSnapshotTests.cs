using System.Text;
using Microsoft.CodeAnalysis;
using UsageSchema.Generators.Tests.Harness;
using UsageSchema.Tests.Snapshots;

namespace UsageSchema.Generators.Tests;

/// <summary>The generated source of each spec, as a reviewer reads it; any change shows as a diff.</summary>
public class GeneratedSourceSnapshotTests
{
    public static TheoryData<string> Specs => new() { "UsageSchema.Amie", "UsageSchema.GatewayAttributes", "UsageSchema.Perseus" };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_source_of_each_spec_matches_its_snapshot(string ns)
    {
        var spec = SpecUnderTest.Real.Single(candidate => candidate.Namespace == ns);
        var compilation = GeneratorHarness.Compilation([spec]);
        var driver = GeneratorHarness.Driver([spec]).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var text = new StringBuilder();
        foreach (var (hint, source) in GeneratorHarness.Sources(driver).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("// ===== ").Append(hint).Append(" =====\n").Append(source).Append('\n');
        }

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(GeneratorHarness.Errors(output));
        SnapshotAssert.Matches(text.ToString(), ns.Replace("UsageSchema.", string.Empty, StringComparison.Ordinal) + ".Generated");
    }

    [Fact]
    public void Every_schema_class_of_the_real_specs_gets_a_file()
    {
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real);
        var driver = GeneratorHarness.Driver(SpecUnderTest.Real).RunGenerators(compilation);

        var hints = GeneratorHarness.Sources(driver).Keys.ToHashSet();

        Assert.Contains("UsageSchema.Amie.ComputeUsageRecord.UsageSchema.g.cs", hints);
        Assert.Contains("UsageSchema.Amie.UsageMessage.UsageSchema.g.cs", hints);
        Assert.Contains("UsageSchema.GatewayAttributes.JobAttributes.UsageSchema.g.cs", hints);
        Assert.Contains("UsageSchema.Perseus.UsageReport.UsageSchema.g.cs", hints);
        // Enums, clients and exceptions are not schema classes.
        Assert.DoesNotContain(hints, hint => hint.Contains("AdjustmentType", StringComparison.Ordinal) || hint.Contains("Client", StringComparison.Ordinal) || hint.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_spec_metadata_nothing_is_generated()
    {
        // A consumer project that references the package has no specs: the generator stays silent.
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real);
        var driver = CSharpGeneratorDriverFactory.WithoutSpecs().RunGenerators(compilation);

        Assert.Empty(GeneratorHarness.Sources(driver));
    }
}
