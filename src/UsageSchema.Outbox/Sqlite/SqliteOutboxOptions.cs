namespace UsageSchema.Outbox;

/// <summary>Settings of a <see cref="SqliteUsageOutbox"/>.</summary>
public sealed class SqliteOutboxOptions
{
    /// <summary>The database file; created with its directory when missing.</summary>
    public string Path { get; set; } = "usage-schema-outbox.db";

    /// <summary>
    /// How long a statement waits for another connection's write lock before failing with
    /// <c>SQLITE_BUSY</c> (SQLite's <c>busy_timeout</c>). Default 30 s.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>synchronous=FULL</c> (default, true) or <c>NORMAL</c> (false). See the README: with FULL a
    /// committed enqueue survives a power loss too, not only a process crash.
    /// </summary>
    public bool SynchronousFull { get; set; } = true;

    /// <summary>
    /// SQLite's page cache for this connection, in KiB (<c>PRAGMA cache_size</c>). Default 16 MiB: enough for
    /// the dedupe index's hot pages while millions of entries are enqueued, small next to the process.
    /// </summary>
    public int CacheSizeKiB { get; set; } = 16 * 1024;

    /// <summary>This instance's claimer id; a new unique one when null.</summary>
    public string? ClaimerId { get; set; }

    /// <summary>
    /// The most pages the file may hold (SQLite's <c>max_page_count</c>; a page is 4 KiB by default); null for
    /// SQLite's own limit. A write that would grow the file beyond fails as a full disk does
    /// (<see cref="OutboxStorageException"/>, <c>SQLITE_FULL</c>) and changes nothing: a cap for an outbox on a
    /// partition it shares with other data.
    /// </summary>
    public long? MaxPageCount { get; set; }

    /// <summary>The clock for leases and timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
