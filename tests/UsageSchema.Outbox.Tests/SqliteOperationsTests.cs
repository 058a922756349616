using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox.Tests;

/// <summary>The SQLite outbox under operations: a full disk, a file locked by another process, file modes.</summary>
public sealed class SqliteOperationsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_full_disk_fails_the_enqueue_with_a_storage_error_and_keeps_what_was_committed()
    {
        var options = new SqliteOutboxOptions { Path = _dir.File(), MaxPageCount = 40 };
        await using (var outbox = SqliteUsageOutbox.Open(options))
        {
            await outbox.EnqueueRecordsAsync(Enumerable.Range(0, 20).Select(i => (IUsageRecord)Records.Compute("kept" + i)));

            var full = await Assert.ThrowsAsync<OutboxStorageException>(() =>
                outbox.EnqueueRecordsAsync(Enumerable.Range(0, 5_000).Select(i => (IUsageRecord)Records.Compute("big" + i))));

            Assert.Equal("SQLITE_FULL", full.StorageCode);
            Assert.Contains(_dir.File(), full.Message, StringComparison.Ordinal);
            Assert.Contains("full", full.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', full.Message);

            // The failed batch left nothing behind; the committed one is whole and still claimable.
            var entries = await outbox.ListAsync(new OutboxQuery(Limit: int.MaxValue));
            Assert.Equal(20, entries.Count);
            Assert.All(entries, entry => Assert.Equal(OutboxState.Pending, entry.State));
            Assert.Equal("ok", await outbox.CheckIntegrityAsync());
        }

        await using var reopened = SqliteUsageOutbox.Open(_dir.File());
        Assert.Equal(20, (await reopened.ClaimAsync(100, TimeSpan.FromMinutes(1))).Count);
    }

    [Fact]
    public async Task A_file_locked_past_the_busy_timeout_is_a_storage_error_that_writes_nothing()
    {
        await using var outbox = SqliteUsageOutbox.Open(new SqliteOutboxOptions { Path = _dir.File(), BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await outbox.EnqueueRecordsAsync([Records.Compute("1")]);
        using var other = new SqliteConnection($"Data Source={_dir.File()};Pooling=False");
        other.Open();
        using (var locker = other.CreateCommand())
        {
            locker.CommandText = "BEGIN IMMEDIATE";
            locker.ExecuteNonQuery();
        }

        var busy = await Assert.ThrowsAsync<OutboxStorageException>(() => outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)));

        Assert.Equal("SQLITE_BUSY", busy.StorageCode);
        Assert.Contains("locked", busy.Message, StringComparison.Ordinal);
        using (var release = other.CreateCommand())
        {
            release.CommandText = "ROLLBACK";
            release.ExecuteNonQuery();
        }

        Assert.Equal(OutboxState.Pending, Assert.Single(await outbox.ListAsync()).State);
        Assert.Single(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_new_outbox_file_its_wal_and_shm_and_the_directories_made_for_it_are_private()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix modes there.
        }

        var path = Path.Combine(_dir.Path, "state", "usage-schema", "outbox.db");
        // With the usual umask (022) SQLite alone would make these 0644: readable by every user.
        await using var outbox = SqliteUsageOutbox.Open(path);
        await outbox.EnqueueRecordsAsync([Records.Compute("1")]);

        const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;
        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
        Assert.True(File.Exists(path + "-wal") && File.Exists(path + "-shm"), "WAL files exist while open");
        Assert.Equal(OwnerFile, File.GetUnixFileMode(path + "-wal"));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(path + "-shm"));
        Assert.Equal(OwnerDirectory, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(OwnerDirectory, File.GetUnixFileMode(Path.Combine(_dir.Path, "state")));
    }

    [Fact]
    public void Network_filesystems_are_recognised_from_the_mount_table()
    {
        const string Mounts = """
            /dev/sda1 / ext4 rw,relatime 0 0
            nfs01:/export/home /home nfs4 rw,relatime,vers=4.2 0 0
            gpfs1 /gpfs gpfs rw,relatime 0 0
            tmpfs /home/alice/node\040local tmpfs rw 0 0
            """;

        Assert.Equal("nfs4", SharedFileSystem.TypeOf("/home/alice/.local/state/usage-schema/outbox.db", Mounts));
        Assert.Equal("gpfs", SharedFileSystem.TypeOf("/gpfs/projects/outbox.db", Mounts));
        Assert.Null(SharedFileSystem.TypeOf("/home/alice/node local/outbox.db", Mounts)); // the longer mount point wins
        Assert.Null(SharedFileSystem.TypeOf("/var/lib/usage/outbox.db", Mounts));
        Assert.Null(SharedFileSystem.TypeOf("/homework/outbox.db", Mounts)); // a prefix of the name is not the mount
    }
}
