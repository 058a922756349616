using System.Text;

namespace UsageSchema.Cli.Reporting;

/// <summary>
/// Replaces a file in one step: the text goes to a temporary file in the same directory, which is then renamed over
/// the target, so a reader (a browser, node_exporter's collector) sees the old file or the new one, never half of one.
/// </summary>
/// <remarks>
/// The temporary file has a random name and is created exclusively (<see cref="FileMode.CreateNew"/>, which does not
/// follow a symbolic link), with its mode set at creation: in a directory others can write to (a web root, the
/// collector's directory), a planted link cannot make this write some other file of the user's.
/// </remarks>
internal static class AtomicFile
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, mode 0644 on Unix (the reader is often another user).</summary>
    /// <exception cref="IOException"><paramref name="path"/> is a directory, or the directory cannot be written.</exception>
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"'{full}' is a directory; give the path of a file in it.");
        }

        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Path.GetRandomFileName() + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = Readable;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The process's umask may have narrowed the mode given at creation.
                File.SetUnixFileMode(temporary, Readable);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
