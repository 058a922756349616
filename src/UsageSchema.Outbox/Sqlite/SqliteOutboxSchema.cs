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
    ];

    /// <summary>The version this code writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
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
