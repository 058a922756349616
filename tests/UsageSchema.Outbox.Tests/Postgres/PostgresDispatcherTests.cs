using Microsoft.Data.Sqlite;
using UsageSchema.Outbox.Dispatch;
using UsageSchema.Testing.Postgres;

namespace UsageSchema.Outbox.Tests.Postgres;

/// <summary>Dispatchers on several nodes draining one PostgreSQL outbox into the emulator.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresDispatcherTests(PostgresServer server) : IAsyncLifetime, IDisposable
{
    private static readonly string[] Nodes = ["node-a", "node-b", "node-c"];
    private readonly string _schema = PostgresServer.NewSchema();
    private readonly TempDir _dir = new();
    private EmulatorRig _rig = null!;

    // The emulator stores in a file so the test can count what it loaded, row by row.
    public async Task InitializeAsync() => _rig = await EmulatorRig.StartAsync(_dir.File("emulator.db"));

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        if (server.Available)
        {
            await server.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }

    public void Dispose() => _dir.Dispose();

    private List<string> EmulatorRows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("emulator.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant test queries.
        command.CommandText = sql;
#pragma warning restore CA2100
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public async Task Three_dispatchers_on_three_nodes_deliver_every_record_exactly_once()
    {
        const int Amie = 300, Perseus = 40, Gateway = 40;
        await using (var seed = await PostgresUsageOutbox.OpenAsync(server.Options(_schema)))
        {
            await EmulatorRig.EnqueueMixAsync(seed, Amie, Perseus, Gateway, withInvalid: false);
        }

        // All nodes are open before any sends, so they compete for the whole drain.
        var nodes = await Task.WhenAll(Nodes.Select(node => PostgresUsageOutbox.OpenAsync(server.Options(_schema, claimer: node))));
        DispatchReport[] reports;
        try
        {
            reports = await Task.WhenAll(nodes.Select(outbox => Task.Run(() => _rig.Dispatcher(outbox, batchSize: 7).DispatchAsync())));
        }
        finally
        {
            foreach (var outbox in nodes)
            {
                await outbox.DisposeAsync();
            }
        }

        Assert.Equal(Amie + Perseus + Gateway, reports.Sum(report => report.Delivered));
        Assert.Equal(Amie + Perseus + Gateway, reports.Sum(report => report.Claimed));
        Assert.All(reports, report => Assert.Equal(0, report.Rejected + report.Released));
        Assert.True(reports.Count(report => report.Delivered > 0) >= 2, "One node sent everything; the test did not exercise concurrent claiming.");

        // Exactly once at the service: every LocalRecordID loaded once, none missing, and no second copy
        // (a second send of a LocalRecordID would be kept in the failed records as a duplicate).
        var loaded = EmulatorRows("SELECT local_record_id FROM amie_records");
        Assert.Equal(Enumerable.Range(0, Amie).Select(EmulatorRig.AmieId).Order(StringComparer.Ordinal), loaded.Order(StringComparer.Ordinal));
        Assert.Empty(EmulatorRows("SELECT error FROM amie_failed"));
        Assert.Equal(Perseus, (await _rig.PerseusStoredAsync()).Count);
        Assert.Equal(Gateway, await _rig.GatewayStoredAsync());

        await using var check = await PostgresUsageOutbox.OpenAsync(server.Options(_schema));
        var counts = await check.CountAsync();
        Assert.Equal(Amie, EmulatorRig.CountOf(counts, UsageApi.Amie, OutboxState.Delivered));
        Assert.Equal(Perseus, EmulatorRig.CountOf(counts, UsageApi.Perseus, OutboxState.Delivered));
        Assert.Equal(Gateway, EmulatorRig.CountOf(counts, UsageApi.GatewayAttributes, OutboxState.Delivered));
        Assert.Equal(3, counts.Count);
    }
}
