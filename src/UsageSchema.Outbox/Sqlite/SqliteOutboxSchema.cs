using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox;

/// <summary>The SQLite schema, created and migrated on open; <c>outbox_schema_version</c> holds the version.</summary>
internal static class SqliteOutboxSchema
{
    /// <summary>The migrations, in order; migration <c>i</c> brings the schema to version <c>i + 1</c>.</summary>
    private static readonly string[] Migrations =
    [
        """
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
        """,

        // 2: where each record came from (OutboxItem.Source), for naming a rejected record's input line.
        "ALTER TABLE outbox_entries ADD COLUMN source TEXT",

        // 3: a narrower row and index, for enqueue speed: the API and the state as small integers
        // (SqliteCodes), and the unique index on key_index (SqliteKeyIndex: 27 bytes an entry, in record-id
        // order within a resource) instead of (api, dedupe_key) (63 bytes). The table is rebuilt (SQLite
        // cannot change a column's type or drop a table constraint in place), ids and the AUTOINCREMENT
        // counter kept, so no id is ever given out twice.
        $"""
        CREATE TABLE outbox_entries_v3 (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            api              INTEGER NOT NULL CHECK (api BETWEEN 0 AND 2),
            key_index        BLOB    NOT NULL,
            dedupe_key       TEXT    NOT NULL,
            record_type      TEXT    NOT NULL,
            payload          TEXT    NOT NULL,
            state            INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
            attempts         INTEGER NOT NULL DEFAULT 0,
            last_error       TEXT,
            claimed_by       TEXT,
            lease_expires_at INTEGER,
            available_at     INTEGER NOT NULL,
            superseded       INTEGER NOT NULL DEFAULT 0,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            delivered_at     INTEGER,
            source           TEXT
        );
        INSERT INTO outbox_entries_v3 (id, api, key_index, dedupe_key, record_type, payload, state, attempts, last_error,
                                       claimed_by, lease_expires_at, available_at, superseded, created_at, updated_at, delivered_at, source)
        SELECT id,
               CASE api WHEN 'amie' THEN 0 WHEN 'perseus' THEN 1 WHEN 'gateway' THEN 2 END,
               {KeyIndexFunction}(api, dedupe_key), dedupe_key, record_type, payload,
               CASE state WHEN 'pending' THEN {SqliteCodes.Pending} WHEN 'claimed' THEN {SqliteCodes.Claimed} WHEN 'delivered' THEN {SqliteCodes.Delivered} WHEN 'rejected' THEN {SqliteCodes.Rejected} END,
               attempts, last_error, claimed_by, lease_expires_at, available_at, superseded, created_at, updated_at, delivered_at, source
        FROM outbox_entries ORDER BY id;
        DELETE FROM sqlite_sequence WHERE name = 'outbox_entries_v3';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_entries_v3', seq FROM sqlite_sequence WHERE name = 'outbox_entries';
        DROP TABLE outbox_entries;
        ALTER TABLE outbox_entries_v3 RENAME TO outbox_entries;
        CREATE UNIQUE INDEX ux_outbox_entries_key ON outbox_entries (key_index);
        CREATE INDEX ix_outbox_entries_state ON outbox_entries (state, id);
        """,
    ];

    /// <summary>The SQL function migration 3 computes an old entry's <c>key_index</c> with (registered on the connection for the migration).</summary>
    private const string KeyIndexFunction = "usage_outbox_key_index";

    /// <summary>The version this code writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        connection.CreateFunction<string, string, byte[]>(KeyIndexFunction, static (api, key) => SqliteKeyIndex.Of(OutboxNames.ParseApi(api), key), isDeterministic: true);
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS outbox_schema_version (version INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }

        long version;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM outbox_schema_version";
            version = (long)read.ExecuteScalar()!;
        }

        if (version > CurrentVersion)
        {
            throw new InvalidOperationException($"The outbox file has schema version {version}, newer than this code's {CurrentVersion}; use a newer UsageSchema.");
        }

        for (var next = (int)version; next < Migrations.Length; next++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[next];
            migrate.ExecuteNonQuery();
        }

        if (version < CurrentVersion)
        {
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "DELETE FROM outbox_schema_version; INSERT INTO outbox_schema_version (version) VALUES ($version)";
            write.Parameters.AddWithValue("$version", CurrentVersion);
            write.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
