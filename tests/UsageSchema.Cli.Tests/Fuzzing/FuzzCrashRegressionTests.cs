using UsageSchema.Cli.Input;
using UsageSchema.Cli.Tests.BadInput;
using UsageSchema.Testing.Fuzzing.Readers;

namespace UsageSchema.Cli.Tests.Fuzzing;

/// <summary>
/// Each crash afl-fuzz found in a reader (scripts/fuzz.sh; the inputs are kept in fuzz/crashes/TARGET/ and replayed by
/// <see cref="CorpusReplayTests"/>), reduced to the input that shows it and asserted as the behaviour it should have.
/// </summary>
public class FuzzCrashRegressionTests
{
    [Fact]
    public void Jsonl_bad_utf8_in_a_member_named_empty_names_the_line_and_no_field()
    {
        // fuzz/crashes/jsonl/crash-1edc446a5ef2, crash-341a54611b3a: the problem's field was "", which names nothing.
        var bytes = Samples.WithBytes("""{"Username": "jdoe", "": "@"}""", 0x86);

        var problem = Assert.Single(RecordFileReader.Read(bytes, InputFormat.JsonLines).Problems);

        Assert.Equal(("line 1", null, "not valid UTF-8"), (problem.Location, problem.Field, problem.Message));
        ReaderChecks.JsonLines(bytes);
    }

    [Fact]
    public void Jsonl_bad_utf8_in_a_member_with_a_long_name_names_the_start_of_the_name()
    {
        // The same path as above: the member's name was the field, uncut, however long.
        var name = new string('n', 300);
        var bytes = Samples.WithBytes($$"""{"Username": "jdoe", "{{name}}": "@"}""", 0x86);

        var problem = Assert.Single(RecordFileReader.Read(bytes, InputFormat.JsonLines).Problems);

        Assert.Equal(name[..InputLimits.MaxQuotedChars] + "…", problem.Field);
        ReaderChecks.JsonLines(bytes);
    }
}
