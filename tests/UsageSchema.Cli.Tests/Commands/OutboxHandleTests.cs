using UsageSchema.Cli.Sending;

namespace UsageSchema.Cli.Tests.Commands;

public class OutboxHandleTests
{
    [Theory]
    [InlineData("postgresql://usage:s3cret@db.example.org:5432/usage", "postgresql://usage:***@db.example.org:5432/usage")]
    [InlineData("postgres://usage:s3cret@db/usage", "postgres://usage:***@db/usage")]
    [InlineData("Host=db;Username=usage;Password=s3cret;Database=usage", "Host=db;Username=usage;Password=***;Database=usage")]
    [InlineData("Host=db;Pwd = s3cret", "Host=db;Pwd = ***")]
    [InlineData("postgresql://usage@db/usage", "postgresql://usage@db/usage")]
    [InlineData("/var/lib/usage/outbox.db", "/var/lib/usage/outbox.db")]
    public void Names_a_location_without_its_password(string location, string expected) =>
        Assert.Equal(expected, UsageSchema.Outbox.UsageOutbox.Describe(location));

    [Fact]
    public async Task A_password_on_the_command_line_is_refused_without_echoing_it()
    {
        var exception = await Assert.ThrowsAsync<CliUsageException>(() => OutboxHandle.OpenAsync("postgresql://usage:s3cret@127.0.0.1:9/usage", fromCommandLine: true, CancellationToken.None));

        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", exception.Message, StringComparison.Ordinal);
    }
}
