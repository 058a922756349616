namespace UsageSchema.Generators.Tests.Harness;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Spec(string fileName) => Path.Combine(Root, "spec", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UsageSchema.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository; UsageSchema.sln was not found above " + AppContext.BaseDirectory);
    }
}
