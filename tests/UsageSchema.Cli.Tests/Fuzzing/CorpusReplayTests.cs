using UsageSchema.Testing.Fuzzing;
using UsageSchema.Testing.Fuzzing.Readers;

namespace UsageSchema.Cli.Tests.Fuzzing;

/// <summary>
/// The afl-fuzz corpus and crashes of the CLI's readers (<c>fuzz/corpus/</c>, <c>fuzz/crashes/</c>), replayed
/// without instrumentation through the same checks afl-fuzz ran (<see cref="ReaderChecks"/>): a reader change
/// that breaks an invariant on any input a fuzz run once kept fails here, in CI, without afl-fuzz.
/// </summary>
public class CorpusReplayTests
{
    public static TheoryData<string, string> Files => CorpusFiles.Of(ReaderTargets.All);

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_and_crash_files_keep_the_readers_invariants(string target, string file) =>
        ReaderTargets.All.Single(each => each.Name == target).Check(CorpusFiles.Read(file));

    [Fact]
    public void Every_reader_has_a_corpus_of_small_files()
    {
        Assert.All(ReaderTargets.All, target =>
        {
            var files = CorpusFiles.Corpus(target.Name);
            Assert.NotEmpty(files);
            Assert.True(files.Length <= 64, $"{target.Name}: {files.Length} files; keep the corpus small");
            Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 0, 4096));
        });
    }
}
