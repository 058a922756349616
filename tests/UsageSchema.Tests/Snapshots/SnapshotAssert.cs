using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace UsageSchema.Tests.Snapshots;

/// <summary>
/// Compares text with a committed <c>Snapshots/&lt;name&gt;.verified.txt</c> next to the calling test,
/// following Verify's conventions (Verify itself is not available here).
/// </summary>
public static partial class SnapshotAssert
{
    public const string AcceptVariable = "USAGESCHEMA_ACCEPT_SNAPSHOTS";
    private const int ContextLines = 2;

    public static void Matches(string actual, string name, [CallerFilePath] string sourceFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        // A path-mapped build (/_/...) leaves no source tree to find the verified files in.
        var testDirectory = Path.GetDirectoryName(sourceFile);
        Assert.True(Directory.Exists(testDirectory), $"Snapshot '{name}': the test's source directory '{testDirectory}' does not exist.");
        var directory = Path.Combine(testDirectory!, "Snapshots");
        var verifiedPath = Path.Combine(directory, name + ".verified.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");

        var received = Normalize(Scrub(actual));
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (received == verified)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received);
        // CI must fail on any change, whatever a developer left in the environment.
        var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1" && !ci)
        {
            File.Copy(receivedPath, verifiedPath, overwrite: true);
            File.Delete(receivedPath);
            return;
        }

        var problem = verified is null ? $"has no verified file yet: {verifiedPath}" : $"does not match {verifiedPath}";
        var hint = ci
            ? "CI is set, so snapshots are never accepted here; accept the change locally and commit the .verified.txt."
            : $"If the change is intended, rename the .received.txt to .verified.txt, or rerun with {AcceptVariable}=1, and commit it.";
        Assert.Fail($"Snapshot '{name}' {problem}\n- verified, + received:\n{Diff(verified ?? string.Empty, received)}Received: {receivedPath}\n{hint}");
    }

    /// <summary>Replaces text that changes between toolchain versions without any change of contract.</summary>
    public static string Scrub(string text) => GeneratorVersion().Replace(text, "{version}");

    private static string Normalize(string text)
    {
        var normalized = text.ReplaceLineEndings("\n");
        return normalized.EndsWith('\n') ? normalized : normalized + "\n";
    }

    private static string Diff(string verified, string received)
    {
        // Whitespace is part of a snapshot; DiffPlex ignores it by default.
        var lines = new InlineDiffBuilder(new Differ()).BuildDiffModel(verified, received, ignoreWhitespace: false).Lines;
        var changed = lines.Select((line, index) => (line, index)).Where(x => x.line.Type != ChangeType.Unchanged).Select(x => x.index).ToList();
        var diff = new StringBuilder();
        var last = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!changed.Any(c => Math.Abs(c - i) <= ContextLines))
            {
                continue;
            }

            if (last >= 0 && i > last + 1)
            {
                diff.AppendLine("  ...");
            }

            var prefix = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            diff.Append(prefix).AppendLine(lines[i].Text);
            last = i;
        }

        return diff.ToString();
    }

    [GeneratedRegex(@"(?<![\d.])\d+(?:\.\d+){1,3} \(NJsonSchema v[\d.]+(?: \(Newtonsoft\.Json v[\d.]+\))?\)")]
    private static partial Regex GeneratorVersion();
}
