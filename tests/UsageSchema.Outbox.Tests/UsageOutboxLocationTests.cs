namespace UsageSchema.Outbox.Tests;

public sealed class UsageOutboxLocationTests
{
    [Theory]
    [InlineData("postgresql://outbox:hunter2@db.example.org:5432/usage", "postgresql://outbox:***@db.example.org:5432/usage")]
    [InlineData("postgres://outbox:hun%40ter2@db.example.org/usage?schema=usage_outbox", "postgres://outbox:***@db.example.org/usage?schema=usage_outbox")]
    [InlineData("postgresql://outbox:hun@ter2@db.example.org/usage", "postgresql://outbox:***@db.example.org/usage")]
    [InlineData("postgresql://db.example.org/usage?user=outbox&password=hunter2&sslmode=verify-full", "postgresql://db.example.org/usage?user=outbox&password=***&sslmode=verify-full")]
    [InlineData("Host=db.example.org;Username=outbox;Password=hunter2;Database=usage", "Host=db.example.org;Username=outbox;Password=***;Database=usage")]
    [InlineData("host=db.example.org; pwd = 'hun;ter2'; database=usage", "host=db.example.org; pwd = ***; database=usage")]
    [InlineData("/var/lib/usage/outbox.db", "/var/lib/usage/outbox.db")]
    public void Describe_replaces_the_password_and_keeps_the_rest(string location, string described) =>
        Assert.Equal(described, UsageOutbox.Describe(location));

    [Theory]
    [InlineData("postgres://h/db", true)]
    [InlineData("POSTGRESQL://h/db", true)]
    [InlineData("Host=h;Database=db", true)]
    [InlineData("Username=u; Host = h", true)]
    [InlineData("/data/Host=h/outbox.db", false)]
    [InlineData("outbox.db", false)]
    public void Postgres_locations_are_uris_and_connection_strings_with_a_host(string location, bool postgres) =>
        Assert.Equal(postgres, PostgresLocation.IsPostgres(location));

    [Fact]
    public void A_uri_becomes_a_connection_string_and_a_schema()
    {
        var options = PostgresLocation.Options("postgresql://out%40box:p%3Ass@db.example.org:5433/usage%20db?schema=node_outbox&sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fdb-ca.pem&application_name=usage-schema");

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal("node_outbox", options.Schema);
        Assert.Equal("db.example.org", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("usage db", builder.Database);
        Assert.Equal("out@box", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal(Npgsql.SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("/etc/ssl/db-ca.pem", builder.RootCertificate);
        Assert.Equal("usage-schema", builder.ApplicationName);
    }
}
