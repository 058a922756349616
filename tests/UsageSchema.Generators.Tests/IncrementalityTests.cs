using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using UsageSchema.Generators.Model;
using UsageSchema.Generators.Tests.Harness;

namespace UsageSchema.Generators.Tests;

/// <summary>
/// The driver is run twice and every tracked step is asked why it ran: an edit that does not
/// concern a spec or a generated class must leave everything Cached or Unchanged, and an edit of
/// one spec must leave the other specs' outputs alone.
/// </summary>
public class IncrementalityTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.SpecFiles,
        TrackingNames.SpecModels,
        TrackingNames.GeneratedClasses,
        TrackingNames.AllGeneratedClasses,
        TrackingNames.TypesToGenerate,
        TrackingNames.RecordInterfaces,
    ];

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real, GeneratorHarness.UnrelatedSource);
        var driver = GeneratorHarness.Driver(SpecUnderTest.Real).RunGenerators(compilation);

        var unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Extra0.cs");
        var edited = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(GeneratorHarness.UnrelatedSource.Replace("42", "43", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: "Extra0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var name in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason} for {output.Value}");
            }
        }

        var sourceOutputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Every_pipeline_value_compares_equal_across_two_separate_runs_of_the_same_input()
    {
        // Equal by content, not by reference: this is what lets a later run find a step's value
        // unchanged when the step had to run again (an ImmutableArray from Collect() would not be).
        var first = GeneratorHarness.Driver(SpecUnderTest.Real).RunGenerators(GeneratorHarness.Compilation(SpecUnderTest.Real)).GetRunResult().Results.Single();
        var second = GeneratorHarness.Driver(SpecUnderTest.Real).RunGenerators(GeneratorHarness.Compilation(SpecUnderTest.Real)).GetRunResult().Results.Single();

        foreach (var name in TrackedSteps)
        {
            var before = first.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Value).ToList();
            var after = second.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Value).ToList();
            Assert.NotEmpty(before);
            Assert.Equal(before.Count, after.Count);
            for (var index = 0; index < before.Count; index++)
            {
                // object.Equals, as the driver compares; xunit's Assert.Equal would compare collections item by item.
                Assert.True(before[index].Equals(after[index]), $"{name}[{index}] differs between runs: {before[index]}");
            }
        }
    }

    [Fact]
    public void A_spec_is_parsed_once_and_not_again_for_a_CSharp_edit()
    {
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real, GeneratorHarness.UnrelatedSource);
        var driver = GeneratorHarness.Driver(SpecUnderTest.Real).RunGenerators(compilation);

        var result = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Another { }", GeneratorHarness.ParseOptions))).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.SpecModels].SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_spec_regenerates_only_that_specs_outputs()
    {
        var perseus = SpecUnderTest.Real.Single(spec => spec.Namespace == "UsageSchema.Perseus");
        var texts = GeneratorHarness.Texts(SpecUnderTest.Real);
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real);
        var driver = GeneratorHarness.Driver(SpecUnderTest.Real, texts).RunGenerators(compilation);
        var before = GeneratorHarness.Sources(driver);

        var old = texts.Single(text => text.Path == perseus.Path);
        var changed = old.GetText()!.ToString().Replace("      x-rules:\n        - start <= end", "      x-rules:\n        - start < end", StringComparison.Ordinal);
        Assert.NotEqual(old.GetText()!.ToString(), changed);
        driver = driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(perseus.Path, changed)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        var after = GeneratorHarness.Sources(driver);

        var types = result.TrackedSteps[TrackingNames.TypesToGenerate].SelectMany(step => step.Outputs).ToList();
        Assert.All(
            types.Where(output => ((TypeToGenerate)output.Value).Namespace != perseus.Namespace),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{((TypeToGenerate)output.Value).Name}: {output.Reason}"));
        Assert.Contains(types, output => ((TypeToGenerate)output.Value).Name == "UsageReport" && output.Reason == IncrementalStepRunReason.Modified);

        var changedFiles = before.Keys.Where(hint => before[hint] != after[hint]).ToList();
        Assert.Equal(["UsageSchema.Perseus.UsageReport.UsageSchema.g.cs"], changedFiles);
        Assert.Contains("allowEqual: false", after["UsageSchema.Perseus.UsageReport.UsageSchema.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void No_pipeline_model_holds_a_symbol_a_syntax_node_a_compilation_or_a_location()
    {
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real);
        var result = GeneratorHarness.Driver(SpecUnderTest.Real).RunGenerators(compilation).GetRunResult().Results.Single();

        var walked = 0;
        foreach (var name in TrackedSteps)
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                walked += ModelWalker.AssertHoldsNoCompilerObjects(output.Value, name);
            }
        }

        // The walk reached into the models, not just their top level.
        Assert.True(walked > 500, $"only {walked} values walked");
    }
}
