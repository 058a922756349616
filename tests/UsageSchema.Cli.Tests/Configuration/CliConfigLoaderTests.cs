using UsageSchema.Cli.Commands;
using UsageSchema.Cli.Configuration;

namespace UsageSchema.Cli.Tests.Configuration;

public sealed class CliConfigLoaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("usage-schema-config-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Reads_services_outbox_and_sender_and_anchors_relative_paths_at_the_file()
    {
        var path = Write("""
            {
              // comments and trailing commas are fine
              "outbox": "state/outbox.db",
              "amie": { "url": "https://usage.example.org/api/v1", "site": "PSC", "keyFile": "keys/amie.key" },
              "perseus": { "url": "https://perseus.example.org/api", "keyFile": "/etc/usage/perseus.token" },
              "sender": { "batchSize": 200, "leaseSeconds": 120, "timeoutSeconds": 30, "retries": 5 },
            }
            """);

        var config = CliConfigLoader.Read(path);

        Assert.Equal(Path.Combine(_dir.FullName, "state", "outbox.db"), config.Outbox);
        Assert.Equal(Path.Combine(_dir.FullName, "keys", "amie.key"), config.Amie!.KeyFile);
        Assert.Equal("/etc/usage/perseus.token", config.Perseus!.KeyFile);
        Assert.Equal("PSC", config.Amie.Site);
        Assert.Equal(200, config.Sender!.BatchSize);
        Assert.Null(config.Gateway);
        Assert.Equal(path, config.Source);
    }

    [Fact]
    public void A_postgres_outbox_is_kept_as_written()
    {
        var config = CliConfigLoader.Read(Write("""{ "outbox": "postgresql://usage@db.example.org/usage" }"""));

        Assert.Equal("postgresql://usage@db.example.org/usage", config.Outbox);
    }

    [Theory]
    [InlineData("""{ "amie": { "apiKey": "s3cret" } }""", "apiKey")]
    [InlineData("""{ "perseus": { "token": "s3cret" } }""", "token")]
    [InlineData("""{ "password": "s3cret" }""", "password")]
    public void Refuses_a_secret_and_never_echoes_it(string json, string setting)
    {
        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(Write(json)));

        Assert.Contains($"\"{setting}\"", exception.Message, StringComparison.Ordinal);
        Assert.Contains("keyFile", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_naming_it()
    {
        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(Write("""{ "amie": { "ulr": "https://x" } }""")));

        Assert.Contains("ulr", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_line()
    {
        var path = Write("{\n  \"outbox\": \"a.db\",\n  \"amie\": {\n}");

        var exception = Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("line", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "sender": { "batchSize": 0 } }""")]
    [InlineData("""{ "sender": { "retries": -1 } }""")]
    [InlineData("""{ "gateway": { "site": "PSC" } }""")]
    public void Refuses_values_that_cannot_work(string json) =>
        Assert.Throws<CliUsageException>(() => CliConfigLoader.Read(Write(json)));

    [Fact]
    public void A_named_file_that_does_not_exist_is_an_error() =>
        Assert.Throws<CliUsageException>(() => CliConfigLoader.Load(Path.Combine(_dir.FullName, "missing.json")));

    [Fact]
    public void Options_outrank_the_configuration_file()
    {
        var config = CliConfigLoader.Read(Write("""{ "amie": { "url": "https://config.example.org/api/v1", "site": "CONFIG", "keyFile": "amie.key" } }"""));

        var fromConfig = ConnectionOptions.Resolve(UsageApi.Amie, null, null, null, config);
        var fromOptions = ConnectionOptions.Resolve(UsageApi.Amie, "https://option.example.org/api/v1", "/option.key", "OPTION", config);

        Assert.Equal(new Uri("https://config.example.org/api/v1"), fromConfig.Url);
        Assert.Equal(Path.Combine(_dir.FullName, "amie.key"), fromConfig.KeyFile);
        Assert.Equal("CONFIG", fromConfig.Site);
        Assert.Equal(new Uri("https://option.example.org/api/v1"), fromOptions.Url);
        Assert.Equal("/option.key", fromOptions.KeyFile);
        Assert.Equal("OPTION", fromOptions.Site);
    }

    [Fact]
    public void A_url_that_is_not_http_names_where_it_came_from()
    {
        var config = CliConfigLoader.Read(Write("""{ "perseus": { "url": "ftp://perseus.example.org" } }"""));

        var exception = Assert.Throws<CliUsageException>(() => ConnectionOptions.Resolve(UsageApi.Perseus, null, null, null, config));

        Assert.Contains("configuration file", exception.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_dir.FullName, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
