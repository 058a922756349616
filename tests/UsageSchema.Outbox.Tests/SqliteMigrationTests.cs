using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox.Tests;

/// <summary>Outbox files written by earlier releases (schema versions 1 and 2) open, are migrated in place and keep every entry and its state.</summary>
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

    /// <summary>Version 2 added the source column to version 1, as that release's migration did.</summary>
    private const string Version2 = Version1 + """
        ALTER TABLE outbox_entries ADD COLUMN source TEXT;
        UPDATE outbox_schema_version SET version = 2;
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
        Assert.Equal(3L, version.ExecuteScalar());

        // Opening again finds the work done.
        await using var reopened = SqliteUsageOutbox.Open(file);
        Assert.Equal(3, (await reopened.ListAsync()).Count);
    }

    [Fact]
    public async Task A_version_2_file_keeps_every_entry_its_state_and_its_id_counter_when_migrated_to_version_3()
    {
        var file = _dir.File();
        var pending = OutboxItem.For(Records.Compute("v2-pending"));
        var claimed = OutboxItem.For(Records.Compute("v2-claimed"));
        var delivered = OutboxItem.For(Records.Compute("v2-delivered"));
        var rejected = OutboxItem.For(Records.Compute("v2-rejected"));
        var report = OutboxItem.For(Records.Report(1.5, user: "v2-report"));
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Entry 6 was purged after delivery: the AUTOINCREMENT counter is above every id left.
            command.CommandText = Version2 + """
                INSERT INTO outbox_entries (id, api, dedupe_key, record_type, payload, state, attempts, last_error, claimed_by, lease_expires_at, available_at, superseded, created_at, updated_at, delivered_at, source)
                VALUES (1, 'amie', $k1, 'Compute', $p1, 'pending', 2, 'Service unavailable', NULL, NULL, 5, 0, 1, 2, NULL, 'a.jsonl line 1'),
                       (2, 'amie', $k2, 'Compute', $p2, 'claimed', 0, NULL, 'node-a:1:x', 4102444800000, 5, 1, 1, 3, NULL, NULL),
                       (3, 'amie', $k3, 'Compute', $p3, 'delivered', 1, NULL, 'node-a:1:x', NULL, 5, 0, 1, 4, 4, 'a.jsonl line 3'),
                       (4, 'amie', $k4, 'Compute', $p4, 'rejected', 0, 'Charge: bad', 'node-a:1:x', NULL, 5, 0, 1, 5, NULL, NULL),
                       (5, 'perseus', $k5, 'UsageReport', $p5, 'pending', 0, NULL, NULL, NULL, 5, 0, 1, 6, NULL, NULL);
                UPDATE sqlite_sequence SET seq = 6 WHERE name = 'outbox_entries';
                """;
            var items = new[] { pending, claimed, delivered, rejected, report };
            for (var i = 0; i < items.Length; i++)
            {
                command.Parameters.AddWithValue($"$k{i + 1}", items[i].DedupeKey);
                command.Parameters.AddWithValue($"$p{i + 1}", items[i].Payload);
            }

            command.ExecuteNonQuery();
        }

        await using (var outbox = SqliteUsageOutbox.Open(file))
        {
            var entries = await outbox.ListAsync();
            Assert.Equal([1L, 2, 3, 4, 5], entries.Select(entry => entry.Id));
            Assert.Equal([OutboxState.Pending, OutboxState.Claimed, OutboxState.Delivered, OutboxState.Rejected, OutboxState.Pending], entries.Select(entry => entry.State));
            Assert.Equal([UsageApi.Amie, UsageApi.Amie, UsageApi.Amie, UsageApi.Amie, UsageApi.Perseus], entries.Select(entry => entry.Api));
            Assert.Equal([pending.DedupeKey, claimed.DedupeKey, delivered.DedupeKey, rejected.DedupeKey, report.DedupeKey], entries.Select(entry => entry.DedupeKey));
            Assert.Equal([pending.Payload, claimed.Payload, delivered.Payload, rejected.Payload, report.Payload], entries.Select(entry => entry.Payload));
            Assert.Equal(["a.jsonl line 1", null, "a.jsonl line 3", null, null], entries.Select(entry => entry.Source));
            Assert.Equal([2, 0, 1, 0, 0], entries.Select(entry => entry.Attempts));
            Assert.Equal(["Service unavailable", null, null, "Charge: bad", null], entries.Select(entry => entry.LastError));
            Assert.Equal("node-a:1:x", entries[1].ClaimedBy);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(4102444800000), entries[1].LeaseExpiresAt);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(4), entries[2].DeliveredAt);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1), entries[0].CreatedAt);

            // The id counter survived the rebuild: the purged entry's id 6 is not given out again.
            Assert.Equal(new EnqueueResult(7, EnqueueOutcome.Added), await outbox.EnqueueAsync(OutboxItem.For(Records.Compute("v3-new"))));

            // The keys are found again through the new index, each with its stored state's rule.
            var results = await outbox.EnqueueAsync([pending, claimed, delivered, rejected, report]);
            Assert.Equal(
                [EnqueueOutcome.AlreadyQueued, EnqueueOutcome.AlreadyQueued, EnqueueOutcome.AlreadyDelivered, EnqueueOutcome.AlreadyRejected, EnqueueOutcome.AlreadyQueued],
                results.Select(result => result.Outcome));
            Assert.Equal([1L, 2, 3, 4, 5], results.Select(result => result.Id));

            // The claimed entry was superseded in flight before the migration: its delivery sends it again.
            Assert.Equal(1, await outbox.MarkDeliveredAsync([2]));
            var claimedNow = await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1));
            Assert.Equal([1L, 2, 5, 7], claimedNow.Select(entry => entry.Id));
            Assert.Equal("ok", await outbox.CheckIntegrityAsync());
        }
    }

    [Fact]
    public async Task An_entry_whose_index_value_belongs_to_another_key_is_never_taken_for_it()
    {
        var file = _dir.File();
        var stored = OutboxItem.For(Records.Compute("stored"));
        var other = OutboxItem.For(Records.Compute("other"));
        await using (var outbox = SqliteUsageOutbox.Open(file))
        {
            await outbox.EnqueueAsync(stored);
        }

        // Forge what only a SHA-256 collision could make: the stored entry holds the other key's index value.
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE outbox_entries SET key_index = $index";
            command.Parameters.AddWithValue("$index", SqliteKeyIndex.Of(UsageApi.Amie, other.DedupeKey));
            command.ExecuteNonQuery();
        }

        await using var reopened = SqliteUsageOutbox.Open(file);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.EnqueueAsync(other));
        Assert.Contains(other.DedupeKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(stored.DedupeKey, error.Message, StringComparison.Ordinal);
        Assert.Single(await reopened.ListAsync());
    }
}
