namespace UsageSchema.Tests.Clients;

/// <summary>A temporary key file with a given Unix mode, deleted on dispose.</summary>
internal sealed class KeyFile : IDisposable
{
    private KeyFile(string path) => Path = path;

    public string Path { get; }

    public static KeyFile Create(string contents, UnixFileMode mode)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "usageschema-key-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return new KeyFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
