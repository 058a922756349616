namespace UsageSchema.NSwag;

internal static class GeneratedFile
{
    /// <summary>
    /// Leaves an unchanged file untouched, so that its timestamp (and everything compiled from it)
    /// stays as it was; the MSBuild target touches its own marker instead.
    /// </summary>
    public static void WriteIfChanged(string path, string content)
    {
        content = content.ReplaceLineEndings("\n");
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), content, StringComparison.Ordinal))
        {
            return;
        }

        File.WriteAllText(path, content);
    }
}
