using Microsoft.CodeAnalysis;
using UsageSchema.Generators.Model;
using UsageSchema.Generators.Pipeline;
using UsageSchema.Generators.Spec;
using UsageSchema.Generators.Tests.Harness;

namespace UsageSchema.Generators.Tests;

/// <summary>
/// The generator and SpecProblemAnalyzer share one parse per spec text (issue 15, item 6). Not run
/// beside other tests: they fill the same process-wide cache, which empties itself when full.
/// </summary>
[Collection(nameof(SpecModelCacheTests))]
public class SpecModelCacheTests
{
    private const string Spec = """
        components:
          schemas:
            Thing:
              type: object
              required: [id]
              properties:
                id: { type: string, minLength: 2 }
        """;

    [Fact]
    public void The_same_text_is_parsed_once_and_an_edited_text_again()
    {
        var first = SpecModelCache.GetOrParse(new SpecFile("/specs/cache-test.yaml", "Cache.Test", Spec), CancellationToken.None);
        var again = SpecModelCache.GetOrParse(new SpecFile("/specs/cache-test.yaml", "Cache.Test", new string(Spec.AsSpan())), CancellationToken.None);
        var edited = SpecModelCache.GetOrParse(new SpecFile("/specs/cache-test.yaml", "Cache.Test", Spec.Replace("minLength: 2", "minLength: 3", StringComparison.Ordinal)), CancellationToken.None);

        Assert.Same(first, again);
        Assert.NotSame(first, edited);
        Assert.Equal(2, first.Schemas[0].Members[0].Constraints.MinLength);
        Assert.Equal(3, edited.Schemas[0].Members[0].Constraints.MinLength);
    }

    [Fact]
    public void SpecProblemAnalyzers_reading_of_a_spec_is_the_model_the_generator_parsed()
    {
        var compilation = GeneratorHarness.Compilation(SpecUnderTest.Real);
        var texts = GeneratorHarness.Texts(SpecUnderTest.Real);
        var options = GeneratorHarness.Options(SpecUnderTest.Real);
        var run = GeneratorHarness.Driver(SpecUnderTest.Real, texts).RunGenerators(compilation).GetRunResult().Results.Single();
        var parsed = run.TrackedSteps[TrackingNames.SpecModels].SelectMany(step => step.Outputs).Select(output => (SpecModel)output.Value).ToList();
        Assert.Equal(texts.Count, parsed.Count);

        // What SpecProblemAnalyzer does for each AdditionalFile of the same compilation.
        foreach (var text in texts)
        {
            var file = SpecFileReader.Read(text, options.GetOptions(text), CancellationToken.None);
            Assert.NotNull(file);
            var read = SpecModelCache.GetOrParse(file, CancellationToken.None);
            Assert.Contains(parsed, model => ReferenceEquals(model, read));
        }
    }
}

[CollectionDefinition(nameof(SpecModelCacheTests), DisableParallelization = true)]
public sealed class SpecModelCacheRunsAlone;
