using System.Globalization;
using Microsoft.Win32.SafeHandles;
using UsageSchema.Secrets;

namespace UsageSchema.Cli.Configuration;

/// <summary>
/// Refuses a configuration file that someone else could have written, as ssh refuses such a
/// <c>~/.ssh/config</c> and, with <c>StrictModes</c>, such an <c>authorized_keys</c>: the file says where
/// records and keys are sent, so whoever can change it can have them. See
/// <c>docs/decisions/cli-configuration.md</c>.
/// </summary>
/// <remarks>
/// The file must be a regular file owned by the user running (or root) and not writable by group or
/// others. Every directory above it, up to <c>/</c>, for the path as given and for the file it resolves to,
/// must be owned by the user or root and not writable by group or others, unless it has the sticky bit
/// (<c>/tmp</c>): there nobody else can rename or replace an entry they do not own, and what they could
/// create is refused by the owner checks below it. ssh stops at the home directory and makes no sticky
/// exception; this check goes up to the root with one. On Windows modes are not checked.
/// </remarks>
internal static class ConfigFileTrust
{
    /// <summary>Checks the opened configuration file and the directories above it; throws a <see cref="CliUsageException"/> naming the path and the fix.</summary>
    /// <param name="handle">The open file: its status is read from the handle, so the file checked is the file read.</param>
    /// <param name="fullPath">The file's absolute path as given.</param>
    public static void Check(SafeFileHandle handle, string fullPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var user = UnixFileStatus.EffectiveUserId();
        var file = UnixFileStatus.Of(handle, fullPath);
        if (!file.IsRegularFile)
        {
            throw new CliUsageException($"The configuration file {fullPath} is not a regular file.");
        }

        if (!OwnedBy(file, user))
        {
            throw new CliUsageException($"The configuration file {fullPath} is owned by user id {Id(file.OwnerId)}, not by you (user id {Id(user)}) or root: someone else could have planted it to send your records and keys elsewhere. Use a file of your own, or, if you trust its contents, take it over: chown {Environment.UserName} {fullPath}");
        }

        if (file.WritableByGroupOrOthers)
        {
            throw new CliUsageException($"The configuration file {fullPath} has mode {file.Octal}: group or others may write it, so anyone of them could send your records and keys elsewhere. Fix: chmod go-w {fullPath}");
        }

        var real = UnixFileStatus.RealPath(fullPath);
        foreach (var directory in Ancestors(fullPath).Concat(Ancestors(real)).Distinct(StringComparer.Ordinal))
        {
            CheckDirectory(directory, fullPath, user);
        }
    }

    private static void CheckDirectory(string directory, string configPath, uint user)
    {
        var status = UnixFileStatus.Of(directory);
        if (!OwnedBy(status, user))
        {
            throw new CliUsageException($"The directory {directory} that holds the configuration file {configPath} is owned by user id {Id(status.OwnerId)}, not by you (user id {Id(user)}) or root: its owner could replace the file. Keep the configuration in a directory of your own.");
        }

        if (status.WritableByGroupOrOthers && !status.Sticky)
        {
            throw new CliUsageException($"The directory {directory} that holds the configuration file {configPath} has mode {status.Octal}: group or others may write it, so they could replace the file. Fix: chmod go-w {directory}");
        }
    }

    private static bool OwnedBy(UnixFileStatus status, uint user) => status.OwnerId == user || status.OwnerId == 0;

    /// <summary>The directories above <paramref name="path"/>, nearest first, up to the root.</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var directory = Path.GetDirectoryName(path); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            yield return directory;
        }
    }

    private static string Id(uint id) => id.ToString(CultureInfo.InvariantCulture);
}
