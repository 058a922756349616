namespace UsageSchema.Cli.Tests.Fidelity;

/// <summary>
/// The held-out inputs of <c>tests/Fixtures/fidelity</c> (sacct dumps in the formats sites produce,
/// gateway submissions in the forms public gateway code sends) and the wire-form corpus's bodies built
/// by the reference AMIE client (<c>tests/Fixtures/wire-forms/amie/*amieclient*</c>). Their sources are
/// in <c>tests/Fixtures/fidelity/README.md</c> and <c>tests/Fixtures/wire-forms/index.json</c>.
/// </summary>
internal static class FidelityFixtures
{
    public static string Sacct(string name) => System.IO.Path.Combine(Folder("fidelity"), "sacct", name);

    public static string Gateway(string name) => System.IO.Path.Combine(Folder("fidelity"), "gateway", name);

    public static string WireForm(string name) => System.IO.Path.Combine(Folder("wire-forms"), name);

    /// <summary><c>tests/Fixtures/<paramref name="name"/></c>, found above the test's output folder.</summary>
    private static string Folder(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "Fixtures", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/Fixtures/{name} not found above {AppContext.BaseDirectory}");
    }
}
