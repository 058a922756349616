namespace UsageSchema.Outbox;

/// <summary>
/// Creates the outbox file readable by its owner only. It holds every record's wire JSON (user names,
/// projects, charges), so a new file is <c>0600</c> and a directory made for it <c>0700</c>. SQLite gives
/// the <c>-wal</c> and <c>-shm</c> files it creates later the mode of the database file, whatever the umask
/// (its <c>findCreateFileMode</c>), so creating the database file first with the right mode covers them.
/// Existing files and directories are left as they are (a group may share an outbox on purpose).
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreateOutboxFile(string fullPath)
    {
        if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                // Each directory made here gets 0700 (CreateDirectory's mode covers only the last one).
                var missing = new Stack<string>();
                for (var current = directory; current is { Length: > 0 } && !Directory.Exists(current); current = System.IO.Path.GetDirectoryName(current))
                {
                    missing.Push(current);
                }

                while (missing.TryPop(out var next))
                {
                    Directory.CreateDirectory(next, OwnerOnlyDirectory);
                }
            }
        }

        if (OperatingSystem.IsWindows() || File.Exists(fullPath))
        {
            return;
        }

        try
        {
            // An empty file is a valid, empty SQLite database; CreateNew so a file made meanwhile is not touched.
            using var created = new FileStream(fullPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // Another process created it first: it is theirs to have made right.
        }
    }
}
