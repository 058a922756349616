using Microsoft.Data.Sqlite;

namespace UsageSchema.Outbox;

/// <summary>Turns a SQLite error into an <see cref="OutboxStorageException"/> that says, in one line, what happened to which file.</summary>
internal static class SqliteStorageFailure
{
    // SQLite's primary result codes (https://www.sqlite.org/rescode.html); the extended code's low byte is the primary one.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;

    public static OutboxStorageException Of(string path, SqliteException exception)
    {
        var (code, what) = (exception.SqliteErrorCode & 0xff) switch
        {
            Full => ("SQLITE_FULL", "the disk (or the file's size limit) is full; free space or move the outbox, then run again"),
            Busy or Locked => ("SQLITE_BUSY", "the file stayed locked by another process longer than the busy timeout; run again when it is done"),
            ReadOnly => ("SQLITE_READONLY", "the file cannot be written (permissions or a read-only filesystem)"),
            IoError => ("SQLITE_IOERR", "an I/O error (a full disk, a failing disk, or a network filesystem that lost the file)"),
            Corrupt => ("SQLITE_CORRUPT", "the file is damaged"),
            CantOpen => ("SQLITE_CANTOPEN", "the file cannot be opened"),
            _ => ("SQLITE_" + (exception.SqliteErrorCode & 0xff).ToString(System.Globalization.CultureInfo.InvariantCulture), "a storage error"),
        };
        return new OutboxStorageException($"The outbox {path} failed: {what} ({code}: {OneLine(exception.Message)}). Entries written before stay as they were.", exception)
        {
            StorageCode = code,
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
