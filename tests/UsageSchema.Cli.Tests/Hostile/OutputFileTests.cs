using System.Globalization;
using UsageSchema.Cli.Reporting;

namespace UsageSchema.Cli.Tests.Hostile;

/// <summary>
/// The files the CLI replaces (<c>report --html</c>, <c>--metrics-file</c>) in a directory others can write to: a link
/// planted where the temporary file goes is not followed, a directory is refused by name, and the mode is the documented one.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usage-schema-output-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_link_planted_at_the_old_predictable_temporary_name_is_not_followed()
    {
        var victim = Path.Combine(_folder, "victim.txt");
        File.WriteAllText(victim, "keep me");
        var target = Path.Combine(_folder, "report.html");
        // The name the temporary file once had: ".NAME.PID.tmp", which anyone who can write the directory can guess.
        File.CreateSymbolicLink(Path.Combine(_folder, $".report.html.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.tmp"), victim);

        AtomicFile.WriteAllText(target, "<html></html>");

        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Equal("<html></html>", File.ReadAllText(target));
        Assert.Equal(FileAttributes.None, File.GetAttributes(target) & FileAttributes.ReparsePoint);
    }

    [Fact]
    public void The_file_is_replaced_with_mode_0644_and_no_temporary_file_is_left()
    {
        var target = Path.Combine(_folder, "usage_schema.prom");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

        AtomicFile.WriteAllText(target, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_directory_is_refused_by_name_and_left_alone()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_folder, "site")).FullName;

        var exception = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(directory, "text"));

        Assert.Contains(directory, exception.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        Assert.Equal([directory], Directory.GetFileSystemEntries(_folder));
    }
}
