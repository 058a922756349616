namespace UsageSchema.Analyzers.Tests.Harness;

internal static class Repository
{
    /// <summary>The repository's root: the folder of UsageSchema.sln above the test's output.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UsageSchema.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("UsageSchema.sln not found above " + AppContext.BaseDirectory);
    }
}
