using Xunit.Sdk;

namespace UsageSchema.Tests.Snapshots;

// These tests change process-wide environment variables that every SnapshotAssert call reads, so
// they must not run while any other test does.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentSensitive
{
    public const string Name = "Environment-sensitive";
}

[Collection(EnvironmentSensitive.Name)]
public sealed class SnapshotAssertTests : IDisposable
{
    private const string Name = "Sample";
    private readonly string _root = Directory.CreateTempSubdirectory("snapshot-assert-").FullName;
    private readonly string? _savedAccept = Environment.GetEnvironmentVariable(SnapshotAssert.AcceptVariable);
    private readonly string? _savedCi = Environment.GetEnvironmentVariable("CI");

    // A test file in the temp directory, so that snapshots land there and not in the repository.
    private string SourceFile => Path.Combine(_root, "SampleTests.cs");
    private string VerifiedPath => Path.Combine(_root, "Snapshots", Name + ".verified.txt");
    private string ReceivedPath => Path.Combine(_root, "Snapshots", Name + ".received.txt");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(SnapshotAssert.AcceptVariable, _savedAccept);
        Environment.SetEnvironmentVariable("CI", _savedCi);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Mismatch_fails_writes_received_and_shows_the_changed_line()
    {
        SetEnvironment(accept: null, ci: null);
        WriteVerified("line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n");

        var failure = Assert.ThrowsAny<XunitException>(() =>
            SnapshotAssert.Matches("line 1\nline 2\nline 3\nline 4\nLINE FIVE\nline 6\nline 7\nline 8", Name, SourceFile));

        Assert.Contains("- line 5", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+ LINE FIVE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("  line 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("  line 7", failure.Message, StringComparison.Ordinal);
        // Two lines of context, not the whole file.
        Assert.DoesNotContain("line 2", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 8", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SnapshotAssert.AcceptVariable, failure.Message, StringComparison.Ordinal);
        Assert.Equal("line 1\nline 2\nline 3\nline 4\nLINE FIVE\nline 6\nline 7\nline 8\n", File.ReadAllText(ReceivedPath));
    }

    [Fact]
    public void Missing_verified_file_fails_and_writes_received()
    {
        SetEnvironment(accept: null, ci: null);

        var failure = Assert.ThrowsAny<XunitException>(() => SnapshotAssert.Matches("first", Name, SourceFile));

        Assert.Contains("no verified file", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+ first", failure.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(ReceivedPath));
        Assert.False(File.Exists(VerifiedPath));
    }

    [Fact]
    public void Match_passes_ignoring_line_endings_and_removes_a_stale_received_file()
    {
        SetEnvironment(accept: null, ci: null);
        WriteVerified("line one\r\nline two\r\n");
        File.WriteAllText(ReceivedPath, "left over from a failed run\n");

        SnapshotAssert.Matches("line one\nline two", Name, SourceFile);

        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Accept_switch_overwrites_verified_when_not_in_CI()
    {
        SetEnvironment(accept: "1", ci: null);
        WriteVerified("old\n");

        SnapshotAssert.Matches("new", Name, SourceFile);

        Assert.Equal("new\n", File.ReadAllText(VerifiedPath));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Accept_switch_is_refused_in_CI()
    {
        SetEnvironment(accept: "1", ci: "true");
        WriteVerified("old\n");

        var failure = Assert.ThrowsAny<XunitException>(() => SnapshotAssert.Matches("new", Name, SourceFile));

        Assert.Contains("CI is set", failure.Message, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(VerifiedPath));
        Assert.Equal("new\n", File.ReadAllText(ReceivedPath));
    }

    [Fact]
    public void Scrub_replaces_the_generator_versions()
    {
        const string Attribute = """[GeneratedCode("NSwag", "14.7.1.0 (NJsonSchema v11.6.1.0 (Newtonsoft.Json v13.0.0.0))")]""";

        Assert.Equal("""[GeneratedCode("NSwag", "{version}")]""", SnapshotAssert.Scrub(Attribute));
        Assert.Equal("toolchain v{version} (http://NSwag.org)", SnapshotAssert.Scrub("toolchain v14.7.1.0 (NJsonSchema v11.6.1.0 (Newtonsoft.Json v13.0.0.0)) (http://NSwag.org)"));
    }

    private static void SetEnvironment(string? accept, string? ci)
    {
        Environment.SetEnvironmentVariable(SnapshotAssert.AcceptVariable, accept);
        Environment.SetEnvironmentVariable("CI", ci);
    }

    private void WriteVerified(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(VerifiedPath)!);
        File.WriteAllText(VerifiedPath, text);
    }
}
