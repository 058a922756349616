using System.Globalization;
using System.Text.RegularExpressions;

namespace UsageSchema.Cli.Tests.Monitoring;

/// <summary>
/// A small strict reader of the Prometheus text exposition format, as node_exporter's textfile
/// collector reads it: every sample's family has exactly one HELP and one TYPE line before its first
/// sample, names and label names are valid, label values are quoted with only the three escapes, every
/// value is a number, no series appears twice, and the text ends with a newline.
/// </summary>
internal static partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var help = new HashSet<string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var name = line[7..].Split(' ', 2)[0];
                Assert.Matches(MetricName(), name);
                Assert.True(help.Add(name), $"second HELP for {name}");
                Assert.False(samples.Any(sample => sample.Name == name), $"HELP for {name} after its samples");
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                Assert.Equal(2, parts.Length);
                Assert.Matches(MetricName(), parts[0]);
                Assert.Contains(parts[1], Types);
                Assert.True(types.TryAdd(parts[0], parts[1]), $"second TYPE for {parts[0]}");
                Assert.False(samples.Any(sample => sample.Name == parts[0]), $"TYPE for {parts[0]} after its samples");
                continue;
            }

            Assert.False(line.StartsWith('#'), $"unknown comment line: {line}");
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: '{line}'");
            var sampleName = match.Groups["name"].Value;
            Assert.True(types.ContainsKey(sampleName), $"{sampleName} has no TYPE line before it");
            Assert.True(help.Contains(sampleName), $"{sampleName} has no HELP line before it");
            var labels = ParseLabels(match.Groups["labels"].Value);
            Assert.True(seen.Add(sampleName + "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}"), $"duplicate series in '{line}'");
            var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            samples.Add(new Sample(sampleName, labels, value));
        }

        Assert.Empty(types.Keys.Except(help));
        return samples;
    }

    private static Dictionary<string, string> ParseLabels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            var label = Label().Match(text, position);
            Assert.True(label.Success && label.Index == position, $"bad labels '{text}' at {position}");
            var value = Regex.Replace(label.Groups["value"].Value, @"\\(.)", escape => escape.Groups[1].Value switch
            {
                "n" => "\n",
                "\\" => "\\",
                "\"" => "\"",
                var other => throw new FormatException($"bad escape \\{other} in '{text}'"),
            });
            Assert.True(labels.TryAdd(label.Groups["name"].Value, value), $"label {label.Groups["name"].Value} twice");
            position += label.Length;
            if (position < text.Length)
            {
                Assert.Equal(',', text[position]);
                position++;
            }
        }

        return labels;
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|NaN|Inf))$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"\G(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
