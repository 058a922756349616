using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.BadInput;

/// <summary>What every bad-input test checks: the problem names its line (or record) and field, the good records are all there, and nothing else went wrong.</summary>
internal static class ReadAssert
{
    /// <summary>The single problem of <paramref name="result"/>, at <paramref name="location"/> and <paramref name="field"/>.</summary>
    public static InputProblem OneProblem(InputReadResult result, string location, string? field)
    {
        var problem = Assert.Single(result.Problems);
        Assert.Equal((location, field), (problem.Location, problem.Field));
        Assert.True(problem.Message.Length < 400, "a message quotes back at most a short excerpt: " + problem.Message.Length);
        return problem;
    }

    /// <summary>The records read are exactly those at <paramref name="locations"/>, and they pass the spec.</summary>
    public static void Records(InputReadResult result, params string[] locations)
    {
        Assert.Equal(locations, result.Records.Select(record => record.Location));
        Assert.Empty(RecordFileReader.Validate(result.Records));
    }
}
