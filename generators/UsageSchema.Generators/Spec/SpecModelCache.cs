using System.Collections.Concurrent;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Spec;

/// <summary>
/// The parse of a spec, shared by the generator's pipeline and <c>SpecProblemAnalyzer</c>: both run
/// in the same compiler process from this one assembly, so a spec the generator has parsed is not
/// parsed again by the analyzer for the same compilation (nor for the next one while its text is
/// unchanged). Keyed by path, namespace and the whole text (compared ordinally: cheap next to a
/// YAML parse); a handful of entries, since a build has a handful of specs.
/// </summary>
internal static class SpecModelCache
{
    private const int Capacity = 16;
    private static readonly ConcurrentDictionary<SpecFile, SpecModel> Models = new();

    public static SpecModel GetOrParse(SpecFile file, CancellationToken cancellationToken)
    {
        if (Models.TryGetValue(file, out var cached))
        {
            return cached;
        }

        var model = SpecParser.Parse(file, cancellationToken);
        if (Models.Count >= Capacity)
        {
            // Old texts of edited specs in a long-lived compiler server: drop them all, the live ones come back on their next use.
            Models.Clear();
        }

        Models.TryAdd(file, model);
        return model;
    }
}
