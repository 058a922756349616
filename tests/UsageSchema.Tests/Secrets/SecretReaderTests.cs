using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Secrets;
using UsageSchema.Tests.Clients;

namespace UsageSchema.Tests.Secrets;

/// <summary>The one reader of keys: key files of all three services and environment variables.</summary>
public class SecretReaderTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Hidden = "s3cr3t-must-not-appear";

    [Theory]
    [InlineData("amie-key-123", "amie-key-123")]
    [InlineData("amie-key-123\n", "amie-key-123")]
    [InlineData("amie-key-123\r\n", "amie-key-123")]
    public void A_key_file_holds_one_key_and_may_end_with_one_newline(string contents, string key)
    {
        using var file = KeyFile.Create(contents, OwnerOnly);

        Assert.Equal(key, SecretReader.FromFile(file.Path).Reveal());
    }

    [Theory]
    [InlineData(Hidden + "\n# rotated 2024-05\n", "more than one line")]
    [InlineData(Hidden + "\n\n", "more than one line")]
    [InlineData(Hidden + "\rX-Injected: 1", "more than one line")]
    [InlineData(Hidden + "\u001b[0m", "control character (U+001B)")]
    [InlineData("", "holds no key")]
    [InlineData("  \n", "holds no key")]
    public void A_key_file_with_anything_but_one_key_is_refused_with_the_path_and_the_fix_never_the_content(string contents, string problem)
    {
        using var file = KeyFile.Create(contents, OwnerOnly);

        var error = Assert.Throws<ApiKeyFileException>(() => SecretReader.FromFile(file.Path));

        Assert.Equal(file.Path, error.FilePath);
        Assert.Equal(file.Path, error.Source);
        Assert.Contains($"'{file.Path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("on one line", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hidden, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rotated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_open_to_others_is_refused_for_every_service()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var file = KeyFile.Create(Hidden + "\n", OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<ApiKeyFileException>(() => SecretReader.FromFile(file.Path));

        Assert.Contains("has mode 0644", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 '{file.Path}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hidden, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_of_another_user_is_refused()
    {
        // Only root can give a file away; elsewhere the check is exercised by every file of our own being accepted.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return;
        }

        using var file = KeyFile.Create(Hidden + "\n", OwnerOnly);
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534", file.Path]))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var error = Assert.Throws<ApiKeyFileException>(() => SecretReader.FromFile(file.Path));

        Assert.Contains("belongs to user id 65534, not to this user (id 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("chown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_a_key_file_is_refused_without_reading_it_all()
    {
        using var file = KeyFile.Create(new string('k', SecretReader.MaxFileBytes + 1), OwnerOnly);

        var error = Assert.Throws<ApiKeyFileException>(() => SecretReader.FromFile(file.Path));

        Assert.Contains("larger than 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_formats_are_read_by_the_same_reader_and_two_keys_are_refused()
    {
        using var curl = KeyFile.Create("# gateway\nheader = \"XA-API-Key: k-curl\"\n", OwnerOnly);
        using var two = KeyFile.Create("apikey=" + Hidden + "\nheader = \"XA-API-Key: other\"\n", OwnerOnly);
        using var escape = KeyFile.Create("apikey=" + Hidden + "\u001b\n", OwnerOnly);

        Assert.Equal("k-curl", SecretReader.FromFile(curl.Path, SecretFileFormat.GatewayKeyFile).Reveal());
        var twoError = Assert.Throws<ApiKeyFileException>(() => GatewayApiKeyFile.Load(two.Path));
        var escapeError = Assert.Throws<ApiKeyFileException>(() => GatewayApiKeyFile.Load(escape.Path));

        Assert.Contains("holds 2 key lines", twoError.Message, StringComparison.Ordinal);
        Assert.Contains("control character (U+001B) on line 1", escapeError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hidden, twoError.Message + escapeError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GatewayApiKeyFile.Parse("apikey=a\napikey=b\n"));
    }

    [Fact]
    public void An_environment_variable_meets_the_same_rules()
    {
        var name = "USAGE_SCHEMA_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        try
        {
            Assert.Null(SecretReader.FromEnvironment(name));

            Environment.SetEnvironmentVariable(name, "token-abc\n");
            Assert.Equal("token-abc", SecretReader.FromEnvironment(name)!.Reveal());

            Environment.SetEnvironmentVariable(name, Hidden + "\n# rotated");
            var error = Assert.Throws<SecretSourceException>(() => SecretReader.FromEnvironment(name));
            Assert.Equal(name, error.Source);
            Assert.Contains($"The environment variable {name} holds more than one line", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Hidden, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("key\r\nX-Injected: 1")]
    [InlineData("key\u0000")]
    [InlineData("ke\u001by")]
    public void A_secret_refuses_control_characters_inside_the_key(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new Secret(value));

        Assert.DoesNotContain(value.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrubbing_catches_the_key_inside_longer_text_and_any_start_of_it_of_eight_characters_or_more()
    {
        var secret = new Secret("abcdefgh-12345678-XYZ");

        Assert.Equal("token=***;", secret.Scrub("token=abcdefgh-12345678-XYZ;"));
        Assert.Equal("first part *** is wrong", secret.Scrub("first part abcdefgh-123 is wrong"));
        Assert.Equal("*** and ***", secret.Scrub("abcdefgh and abcdefgh-12345678-XYZ"));
        Assert.Equal("abcdefg is too short to be an echo", secret.Scrub("abcdefg is too short to be an echo"));
        Assert.Equal("short: ***!", new Secret("k1").Scrub("short: k1!"));
    }
}
