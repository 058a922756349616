using UsageSchema.Generators.Model;
using UsageSchema.Generators.Spec;

namespace UsageSchema.Generators.Tests;

/// <summary>The generator and SpecProblemAnalyzer share one parse per spec text (issue 15, item 6).</summary>
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
}
