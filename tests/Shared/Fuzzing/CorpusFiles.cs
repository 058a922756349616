namespace UsageSchema.Testing.Fuzzing;

/// <summary>
/// The files afl-fuzz works from and what it found: <c>fuzz/corpus/TARGET/*</c> (seeds and the inputs runs kept
/// because they reach new code) and <c>fuzz/crashes/TARGET/*</c> (inputs that once broke the target), read from the
/// repository the tests run in, so a file added by <c>scripts/fuzz.sh</c> is replayed without further work.
/// </summary>
internal static class CorpusFiles
{
    /// <summary>The repository's root: the folder of UsageSchema.sln above the test's output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>(target, path relative to the root) of every corpus and crash file of <paramref name="targets"/>, in a stable order.</summary>
    public static TheoryData<string, string> Of(IEnumerable<FuzzTarget> targets)
    {
        var data = new TheoryData<string, string>();
        foreach (var target in targets)
        {
            foreach (var folder in new[] { "corpus", "crashes" })
            {
                var directory = Path.Combine(Root, "fuzz", folder, target.Name);
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                {
                    data.Add(target.Name, Path.GetRelativePath(Root, file).Replace('\\', '/'));
                }
            }
        }

        return data;
    }

    /// <summary>The files of <c>fuzz/corpus/<paramref name="target"/>/</c>.</summary>
    public static string[] Corpus(string target)
    {
        var directory = Path.Combine(Root, "fuzz", "corpus", target);
        return Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
    }

    /// <summary>Reads a file named relative to the root.</summary>
    public static byte[] Read(string relativePath) => File.ReadAllBytes(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UsageSchema.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The replay tests run from inside the repository; UsageSchema.sln was not found above " + AppContext.BaseDirectory);
    }
}
