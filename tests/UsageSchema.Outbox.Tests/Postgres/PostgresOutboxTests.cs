using UsageSchema.Testing.Postgres;

namespace UsageSchema.Outbox.Tests.Postgres;

/// <summary>The store contract against PostgreSQL; each test in its own schema, dropped afterwards.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresOutboxTests(PostgresServer server) : OutboxContractTests, IAsyncLifetime
{
    private readonly string _schema = PostgresServer.NewSchema();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (server.Available)
        {
            await server.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }

    protected override async Task<IUsageOutbox> OpenAsync(TimeProvider? clock = null, string? claimer = null) =>
        await PostgresUsageOutbox.OpenAsync(server.Options(_schema, clock, claimer));
}
