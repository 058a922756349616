using UsageSchema.GatewayAttributes.Client;

namespace UsageSchema.Tests.Clients;

public class GatewayApiKeyFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData("header = \"XA-API-Key: k-curl\"\n", "k-curl")]
    [InlineData("header=\"XA-API-Key:k-curl\"", "k-curl")]
    [InlineData("--header \"XA-API-Key: k-curl\"", "k-curl")]
    [InlineData("header: 'xa-api-key: k-curl'", "k-curl")]
    [InlineData("# gateway key\n\nurl = \"https://allocations-api.access-ci.org/acdb/gateway/v2/job_attributes\"\nheader = \"XA-API-Key: k-curl\"\r\n", "k-curl")]
    [InlineData("apikey=k-legacy\n", "k-legacy")]
    [InlineData("  # comment\n\napikey = \"k-legacy\"  \n", "k-legacy")]
    [InlineData("APIKEY='k-legacy'", "k-legacy")]
    public void Both_documented_formats_are_read(string contents, string key)
    {
        Assert.Equal(key, GatewayApiKeyFile.Parse(contents)?.Reveal());
    }

    [Theory]
    [InlineData("")]
    [InlineData("# apikey=commented-out\n\n")]
    [InlineData("header = \"Accept: text/plain\"")]
    [InlineData("apikey=")]
    public void Text_without_a_key_line_has_no_key(string contents)
    {
        Assert.Null(GatewayApiKeyFile.Parse(contents));
    }

    [Fact]
    public void A_file_of_mode_0600_or_0400_is_loaded()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var readWrite = KeyFile.Create("apikey=k1\n", OwnerOnly);
        using var readOnly = KeyFile.Create("header = \"XA-API-Key: k2\"\n", UnixFileMode.UserRead);

        Assert.Equal("k1", GatewayApiKeyFile.Load(readWrite.Path).Reveal());
        Assert.Equal("k2", GatewayApiKeyFile.Load(readOnly.Path).Reveal());
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherRead, "0404")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public void A_file_open_to_group_or_others_is_refused_naming_the_path_the_mode_and_the_fix(UnixFileMode mode, string octal)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var file = KeyFile.Create("apikey=must-not-appear\n", mode);

        var error = Assert.Throws<ApiKeyFileException>(() => GatewayApiKeyFile.Load(file.Path));

        Assert.Equal(file.Path, error.FilePath);
        Assert.Contains($"'{file.Path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"has mode {octal}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 '{file.Path}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("must-not-appear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "usageschema-no-such-key-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<ApiKeyFileException>(() => GatewayApiKeyFile.Load(path));

        Assert.Contains($"'{path}' cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_key_line_says_which_lines_are_expected_and_never_echoes_the_file()
    {
        using var file = KeyFile.Create("token: secret-looking-text\n", OwnerOnly);

        var error = Assert.Throws<ApiKeyFileException>(() => GatewayApiKeyFile.Load(file.Path));

        Assert.Contains("holds no key", error.Message, StringComparison.Ordinal);
        Assert.Contains("header = \"XA-API-Key: <KEY>\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("apikey=<KEY>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-text", error.Message, StringComparison.Ordinal);
    }
}
