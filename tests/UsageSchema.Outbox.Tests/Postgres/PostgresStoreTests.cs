using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using UsageSchema.Testing.Postgres;

namespace UsageSchema.Outbox.Tests.Postgres;

/// <summary>What only the PostgreSQL store has: concurrent nodes, migration under a lock, locations with secrets.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : IAsyncLifetime
{
    private const string Secret = "S3cret-Pa55w0rd";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly string _schema = PostgresServer.NewSchema();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (server.Available)
        {
            await server.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }

    private Task<PostgresUsageOutbox> OpenAsync(string? claimer = null) => PostgresUsageOutbox.OpenAsync(server.Options(_schema, claimer: claimer));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_lost_connection_is_a_storage_error_that_writes_nothing_and_the_next_call_reconnects()
    {
        var application = "outbox-" + Guid.NewGuid().ToString("N")[..12];
        var options = server.Options(_schema);
        options.ConnectionString += ";Application Name=" + application;
        await using var outbox = await PostgresUsageOutbox.OpenAsync(options);
        await outbox.EnqueueRecordsAsync([Records.Compute("1")]);

        // What a server restart or a failover does to every open connection.
        await server.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}'");
        var lost = await Assert.ThrowsAsync<OutboxStorageException>(() => outbox.EnqueueRecordsAsync([Records.Compute("2")]));

        Assert.StartsWith("The PostgreSQL outbox postgresql://", lost.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', lost.Message);
        var entries = await outbox.ListAsync();
        Assert.Equal(["[\"expanse.sdsc.access-ci.org\",\"1\"]"], entries.Select(entry => entry.DedupeKey));
        Assert.Equal(EnqueueOutcome.Added, (await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("2")))).Outcome);
    }

    [Fact]
    public async Task Open_creates_the_schema_with_a_version()
    {
        await using (var outbox = await OpenAsync())
        {
            Assert.Empty(await outbox.CountAsync());
        }

        await using var source = NpgsqlDataSource.Create(server.ConnectionString);
        await using var command = source.CreateCommand($"SELECT version FROM {_schema}.outbox_schema_version");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Several_nodes_opening_a_new_schema_at_once_migrate_it_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => OpenAsync("node" + i.ToString(CultureInfo.InvariantCulture)))));
        try
        {
            var added = await opened[0].EnqueueAsync(OutboxItem.For(Records.Compute("1")));
            Assert.Equal(EnqueueOutcome.Added, added.Outcome);
            Assert.All(await Task.WhenAll(opened.Select(outbox => outbox.ListAsync())), entries => Assert.Equal(added.Id, Assert.Single(entries).Id));
        }
        finally
        {
            foreach (var outbox in opened)
            {
                await outbox.DisposeAsync();
            }
        }

        await using var source = NpgsqlDataSource.Create(server.ConnectionString);
        await using var command = source.CreateCommand($"SELECT COUNT(*) FROM {_schema}.outbox_schema_version");
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Concurrent_enqueues_of_the_same_keys_from_three_nodes_store_each_record_once()
    {
        const int Total = 150;
        var records = Enumerable.Range(0, Total).Select(i => (object)Records.Compute(i.ToString(CultureInfo.InvariantCulture))).ToList();
        await using var a = await OpenAsync("a");
        await using var b = await OpenAsync("b");
        await using var c = await OpenAsync("c");

        // The same batch in opposite orders: the row locks are taken in opposite orders, so PostgreSQL may
        // abort one transaction as a deadlock, which the store retries.
        var results = await Task.WhenAll(
            Task.Run(() => a.EnqueueRecordsAsync(records)),
            Task.Run(() => b.EnqueueRecordsAsync(Enumerable.Reverse(records))),
            Task.Run(() => c.EnqueueRecordsAsync(records)));

        var all = results.SelectMany(batch => batch).ToList();
        Assert.Equal(Total, all.Count(result => result.Outcome == EnqueueOutcome.Added));
        Assert.Equal(2 * Total, all.Count(result => result.Outcome == EnqueueOutcome.AlreadyQueued));
        Assert.Equal(Total, all.Select(result => result.Id).Distinct().Count());
        Assert.Equal([new OutboxCount(OutboxApi.Amie, OutboxState.Pending, Total)], await a.CountAsync());
    }

    [Fact]
    public async Task A_claim_skips_rows_another_transaction_has_locked_instead_of_waiting()
    {
        await using var outbox = await OpenAsync();
        var added = await outbox.EnqueueRecordsAsync([Records.Compute("1"), Records.Compute("2"), Records.Compute("3")]);

        await using var source = NpgsqlDataSource.Create(server.ConnectionString);
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"SELECT id FROM {_schema}.outbox_entries WHERE id = @id FOR UPDATE", connection, transaction))
        {
            hold.Parameters.AddWithValue("id", added[0].Id);
            Assert.Equal(added[0].Id, await hold.ExecuteScalarAsync());
        }

        // Waiting on the lock would run into the token; skipping it returns the other two at once.
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var claimed = await outbox.ClaimAsync(10, Lease, cancellationToken: bounded.Token);
        Assert.Equal([added[1].Id, added[2].Id], claimed.Select(entry => entry.Id));

        await transaction.RollbackAsync();
        Assert.Equal(added[0].Id, Assert.Single(await outbox.ClaimAsync(10, Lease)).Id);
    }

    [Fact]
    public async Task Without_a_clock_leases_and_times_come_from_the_database()
    {
        await using var a = await OpenAsync("a");
        await using var b = await OpenAsync("b");
        await a.EnqueueRecordsAsync([Records.Compute("1")]);
        var claimed = Assert.Single(await a.ClaimAsync(10, TimeSpan.FromMilliseconds(100)));

        await using var source = NpgsqlDataSource.Create(server.ConnectionString);
        await using (var clock = source.CreateCommand("SELECT now()"))
        {
            var database = (DateTime)(await clock.ExecuteScalarAsync())!;
            Assert.InRange(claimed.CreatedAt, database.AddMinutes(-1), database);
            Assert.Equal(TimeSpan.FromMilliseconds(100), claimed.LeaseExpiresAt - claimed.UpdatedAt);
        }

        // Wait on the database's clock (not this process's) until the lease has lapsed.
        await using (var wait = source.CreateCommand("SELECT pg_sleep(0.2)"))
        {
            await wait.ExecuteNonQueryAsync();
        }

        var taken = Assert.Single(await b.ClaimAsync(10, Lease));
        Assert.Equal(claimed.Id, taken.Id);
        Assert.Equal("b", taken.ClaimedBy);
        Assert.Equal(1, taken.Attempts);
        Assert.Equal("lease of a expired", taken.LastError);
    }

    [Fact]
    public async Task UsageOutbox_opens_uris_and_connection_strings_as_postgres_and_never_shows_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        var password = string.IsNullOrEmpty(builder.Password) ? Secret : builder.Password;
        var uri = $"postgresql://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(password)}@{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database}?schema={_schema}";

        await using (var outbox = await UsageOutbox.OpenAsync(uri, "node-a"))
        {
            var postgres = Assert.IsType<PostgresUsageOutbox>(outbox);
            Assert.Equal("node-a", outbox.ClaimerId);
            await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("1")));
            Assert.DoesNotContain(password, postgres.Describe(), StringComparison.Ordinal);
            Assert.DoesNotContain(password, postgres.ToString(), StringComparison.Ordinal);
            Assert.Contains(":***@", postgres.Describe(), StringComparison.Ordinal);
            Assert.Contains(_schema, postgres.Describe(), StringComparison.Ordinal);
        }

        builder.Password = password;
        var connectionString = builder.ConnectionString;
        Assert.Contains(password, connectionString, StringComparison.Ordinal);
        var options = server.Options(_schema);
        options.ConnectionString = connectionString;
        await using (var same = await PostgresUsageOutbox.OpenAsync(options))
        {
            Assert.Single(await same.ListAsync()); // the URI's ?schema= named the same schema
            Assert.DoesNotContain(password, same.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(password, UsageOutbox.Describe(uri), StringComparison.Ordinal);
        Assert.DoesNotContain(password, UsageOutbox.Describe(connectionString), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://outbox:{secret}@127.0.0.1:{port}/usage?connect_timeout=5")]
    [InlineData("postgres://outbox:{secret}@127.0.0.1:{port}/usage")]
    [InlineData("Host=127.0.0.1;Port={port};Username=outbox;Password={secret};Database=usage;Timeout=5")]
    public async Task A_server_that_cannot_be_reached_fails_with_the_location_redacted(string template)
    {
        var location = template.Replace("{secret}", Secret, StringComparison.Ordinal).Replace("{port}", ClosedPort().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<PostgresOutboxException>(() => UsageOutbox.OpenAsync(location));

        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("outbox:***@", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://outbox:{secret}@127.0.0.1:5432/usage?no_such_setting=1")]
    [InlineData("postgresql://outbox:{secret}@127.0.0.1:5432/usage?schema=Not-A-Name")]
    [InlineData("Host=127.0.0.1;Password={secret};No Such Setting=1")]
    public async Task A_malformed_location_fails_with_the_password_redacted(string template)
    {
        var location = template.Replace("{secret}", Secret, StringComparison.Ordinal);

        var failure = await Assert.ThrowsAnyAsync<ArgumentException>(() => UsageOutbox.OpenAsync(location));

        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
    }
}
