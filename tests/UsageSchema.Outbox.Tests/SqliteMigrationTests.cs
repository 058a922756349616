using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox.Tests;

/// <summary>An outbox file written by the previous release (schema version 1) opens, keeps its entries and gains the source column.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    /// <summary>The schema of version 1 exactly as that release created it.</summary>
    private const string Version1 = """
        CREATE TABLE outbox_schema_version (version INTEGER NOT NULL);
        CREATE TABLE outbox_entries (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            api              TEXT    NOT NULL CHECK (api IN ('amie', 'perseus', 'gateway')),
            dedupe_key       TEXT    NOT NULL,
            record_type      TEXT    NOT NULL,
            payload          TEXT    NOT NULL,
            state            TEXT    NOT NULL CHECK (state IN ('pending', 'claimed', 'delivered', 'rejected')),
            attempts         INTEGER NOT NULL DEFAULT 0,
            last_error       TEXT,
            claimed_by       TEXT,
            lease_expires_at INTEGER,
            available_at     INTEGER NOT NULL,
            superseded       INTEGER NOT NULL DEFAULT 0,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            delivered_at     INTEGER,
            UNIQUE (api, dedupe_key)
        );
        CREATE INDEX ix_outbox_entries_state ON outbox_entries (state, id);
        INSERT INTO outbox_schema_version (version) VALUES (1);
        """;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_version_1_file_is_migrated_in_place_and_its_entries_keep_their_states()
    {
        var file = _dir.File();
        var pending = OutboxItem.For(Records.Compute("old-pending"));
        var rejected = OutboxItem.For(Records.Compute("old-rejected"));
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Version1 + """
                INSERT INTO outbox_entries (api, dedupe_key, record_type, payload, state, last_error, available_at, created_at, updated_at)
                VALUES ('amie', $k1, 'Compute', $p1, 'pending', NULL, 0, 0, 0), ('amie', $k2, 'Compute', $p2, 'rejected', 'Charge: bad', 0, 0, 0);
                """;
            command.Parameters.AddWithValue("$k1", pending.DedupeKey);
            command.Parameters.AddWithValue("$p1", pending.Payload);
            command.Parameters.AddWithValue("$k2", rejected.DedupeKey);
            command.Parameters.AddWithValue("$p2", rejected.Payload);
            command.ExecuteNonQuery();
        }

        await using (var outbox = SqliteUsageOutbox.Open(file))
        {
            var entries = await outbox.ListAsync();
            Assert.Equal([OutboxState.Pending, OutboxState.Rejected], entries.Select(entry => entry.State));
            Assert.All(entries, entry => Assert.Null(entry.Source));
            Assert.Equal("Charge: bad", entries[1].LastError);

            var results = await outbox.EnqueueAsync(
            [
                pending with { Source = "again.jsonl line 1" },
                rejected,
                OutboxItem.For(Records.Compute("new")) with { Source = "new.jsonl line 1" },
            ]);
            Assert.Equal([EnqueueOutcome.AlreadyQueued, EnqueueOutcome.AlreadyRejected, EnqueueOutcome.Added], results.Select(result => result.Outcome));
            Assert.Equal([entries[0].Id, entries[1].Id], results.Take(2).Select(result => result.Id));

            var claimed = await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1));
            Assert.Equal([null, "new.jsonl line 1"], claimed.Select(entry => entry.Source));
            Assert.Equal("ok", await outbox.CheckIntegrityAsync());
        }

        using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "SELECT version FROM outbox_schema_version";
        Assert.Equal(2L, version.ExecuteScalar());

        // Opening again finds the work done.
        await using var reopened = SqliteUsageOutbox.Open(file);
        Assert.Equal(3, (await reopened.ListAsync()).Count);
    }
}
