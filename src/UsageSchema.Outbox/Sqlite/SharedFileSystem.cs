namespace UsageSchema.Outbox;

/// <summary>
/// Tells whether a path lies on a network or cluster filesystem (NFS, GPFS/Spectrum Scale, Lustre, CIFS/SMB,
/// BeeGFS, CephFS, ...), where SQLite's WAL mode is not safe: WAL needs shared memory between the processes
/// of one machine, and the locks of these filesystems are unreliable or per node, so two senders, or a
/// sender and a crash, can corrupt the outbox. On HPC systems <c>$HOME</c> is usually such a filesystem.
/// </summary>
/// <remarks>
/// Read from <c>/proc/mounts</c> (Linux): the mount with the longest mount point that contains the path
/// gives the filesystem type. Elsewhere, or when it cannot be read, nothing is reported.
/// </remarks>
public static class SharedFileSystem
{
    private static readonly string[] NetworkTypes =
        ["nfs", "nfs4", "gpfs", "lustre", "cifs", "smb3", "smbfs", "beegfs", "ceph", "glusterfs", "fuse.glusterfs", "fuse.sshfs", "9p", "afs", "panfs", "fuse.ceph"];

    /// <summary>The network filesystem type <paramref name="path"/> lies on (e.g. <c>nfs4</c>), or null.</summary>
    /// <param name="path">A file or directory (need not exist yet).</param>
    public static string? TypeOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return OperatingSystem.IsLinux() && File.Exists("/proc/mounts") ? TypeOf(path, File.ReadAllText("/proc/mounts")) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The network filesystem type <paramref name="path"/> lies on according to <paramref name="mounts"/> (the text of <c>/proc/mounts</c>), or null.</summary>
    /// <param name="path">An absolute path.</param>
    /// <param name="mounts">Lines <c>device mountpoint type options ...</c>; spaces in a mount point written <c>\040</c>.</param>
    public static string? TypeOf(string path, string mounts)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(mounts);
        var full = Path.GetFullPath(path);
        string? bestType = null;
        var bestLength = -1;
        foreach (var line in mounts.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }

            var mountPoint = fields[1].Replace("\\040", " ", StringComparison.Ordinal);
            var contains = mountPoint == "/" || full == mountPoint || full.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (contains && mountPoint.Length >= bestLength)
            {
                bestLength = mountPoint.Length;
                bestType = fields[2];
            }
        }

        return bestType is not null && NetworkTypes.Contains(bestType, StringComparer.OrdinalIgnoreCase) ? bestType : null;
    }

    /// <summary>A warning with advice when <paramref name="path"/> lies on a network filesystem, else null.</summary>
    /// <param name="path">The outbox file.</param>
    public static string? WarningFor(string path)
    {
        var type = TypeOf(path);
        return type is null
            ? null
            : $"the outbox {Path.GetFullPath(path)} is on a {type} filesystem, where SQLite's WAL mode is not safe (locks and shared memory do not work across nodes, so the file can be corrupted). "
              + "Use a node-local path (e.g. under /var/lib or /tmp on a node that stays, via --outbox or USAGE_SCHEMA_OUTBOX), or a PostgreSQL outbox when several nodes send.";
    }
}
