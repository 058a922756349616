using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox.Tests;

public sealed class SqliteOutboxTests : OutboxContractTests, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    protected override Task<IUsageOutbox> OpenAsync(TimeProvider? clock = null, string? claimer = null) =>
        Task.FromResult<IUsageOutbox>(Open(clock, claimer));

    private SqliteUsageOutbox Open(TimeProvider? clock = null, string? claimer = null) =>
        SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = _dir.File(), TimeProvider = clock ?? TimeProvider.System, ClaimerId = claimer });

    [Fact]
    public async Task Open_creates_the_schema_in_wal_mode_with_a_version()
    {
        await using (var outbox = Open())
        {
            Assert.Equal("ok", await outbox.CheckIntegrityAsync());
        }

        await using (var again = Open())
        {
            Assert.Empty(await again.CountAsync());
        }

        using var connection = new SqliteConnection($"Data Source={_dir.File()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM outbox_schema_version";
        Assert.Equal(3L, command.ExecuteScalar()); // 3: codes for the API and state, the key_index
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task UsageOutbox_opens_a_plain_path_as_a_sqlite_file()
    {
        await using var outbox = await UsageOutbox.OpenAsync(_dir.File(), "node-a");
        Assert.IsType<SqliteUsageOutbox>(outbox);
        Assert.Equal("node-a", outbox.ClaimerId);
        Assert.True(File.Exists(_dir.File()));
    }
}
