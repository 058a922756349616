using UsageSchema.Cli.Configuration;

namespace UsageSchema.Cli.Tests.Configuration;

/// <summary>The ssh-like owner and mode checks of <see cref="ConfigFileTrust"/>, through <see cref="CliConfigLoader.Read"/>.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigFileTrustTests : IDisposable
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OpenDirectory = PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("usage-schema-trust-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void An_own_file_only_its_owner_may_write_is_read()
    {
        var path = Write(_dir.FullName, Readable);

        Assert.Equal(path, CliConfigLoader.Read(path).Source);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite, "0664")]
    [InlineData(UnixFileMode.OtherWrite, "0646")]
    public void A_file_group_or_others_may_write_is_refused_with_the_fix(UnixFileMode extra, string octal)
    {
        var path = Write(_dir.FullName, Readable | extra);

        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(path));

        Assert.Contains($"{path} has mode {octal}", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w {path}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_above_that_others_may_write_is_refused_however_far_up()
    {
        var open = Directory.CreateDirectory(Path.Combine(_dir.FullName, "open"));
        var deep = Directory.CreateDirectory(Path.Combine(open.FullName, "a", "b")).FullName;
        File.SetUnixFileMode(open.FullName, OpenDirectory);
        var path = Write(deep, Readable);

        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(path));

        Assert.Contains($"The directory {open.FullName} that holds the configuration file {path} has mode 0777", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sticky_directory_others_may_write_is_accepted_as_tmp_is()
    {
        var sticky = Directory.CreateDirectory(Path.Combine(_dir.FullName, "sticky")).FullName;
        File.SetUnixFileMode(sticky, OpenDirectory | UnixFileMode.StickyBit);
        var path = Write(sticky, Readable);

        Assert.Equal(path, CliConfigLoader.Read(path).Source);
    }

    [Fact]
    public void A_link_to_a_file_in_a_directory_others_may_write_is_refused_naming_that_directory()
    {
        var open = Directory.CreateDirectory(Path.Combine(_dir.FullName, "open")).FullName;
        File.SetUnixFileMode(open, OpenDirectory);
        var target = Write(open, Readable);
        var link = Path.Combine(_dir.FullName, "link.json");
        File.CreateSymbolicLink(link, target);

        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(link));

        Assert.Contains($"The directory {open} that holds the configuration file {link}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_in_a_directory_others_may_write_is_refused_though_its_target_is_safe()
    {
        var target = Write(_dir.FullName, Readable);
        var open = Directory.CreateDirectory(Path.Combine(_dir.FullName, "open")).FullName;
        File.SetUnixFileMode(open, OpenDirectory);
        var link = Path.Combine(open, "link.json");
        File.CreateSymbolicLink(link, target);

        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(link));

        Assert.Contains($"The directory {open} that holds", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_not_a_configuration_file()
    {
        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(_dir.FullName));

        Assert.Contains(_dir.FullName, exception.Message, StringComparison.Ordinal);
    }

    private static string Write(string directory, UnixFileMode mode)
    {
        var path = Path.Combine(directory, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "amie": { "url": "https://usage.example.org/api/v1" } }""");
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
