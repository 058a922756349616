using UsageSchema.Testing.Fuzzing;
using UsageSchema.Testing.Fuzzing.Replies;

namespace UsageSchema.Tests.Fuzzing;

/// <summary>
/// The afl-fuzz corpus and crashes of the reply parsers (<c>fuzz/corpus/</c>, <c>fuzz/crashes/</c>), replayed
/// without instrumentation through the same checks afl-fuzz ran (<see cref="ReplyChecks"/>): a parser change
/// that breaks an invariant on any answer a fuzz run once kept fails here, in CI, without afl-fuzz.
/// </summary>
public class CorpusReplayTests
{
    public static TheoryData<string, string> Files => CorpusFiles.Of(ReplyTargets.All);

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_and_crash_files_keep_the_reply_parsers_invariants(string target, string file) =>
        ReplyTargets.All.Single(each => each.Name == target).Check(CorpusFiles.Read(file));

    [Fact]
    public void Every_reply_parser_has_a_corpus_of_small_files()
    {
        Assert.All(ReplyTargets.All, target =>
        {
            var files = CorpusFiles.Corpus(target.Name);
            Assert.NotEmpty(files);
            Assert.True(files.Length <= 64, $"{target.Name}: {files.Length} files; keep the corpus small");
            Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 0, 4096));
        });
    }
}
