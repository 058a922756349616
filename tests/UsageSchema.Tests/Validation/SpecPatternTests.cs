using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using UsageSchema.Metadata;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// <see cref="SpecPattern"/> answers as <see cref="Regex.IsMatch(string)"/> does, on every pattern of the
/// specs and on patterns made to test its parser (accepted and refused alike), over edge strings,
/// random strings from the characters that matter, and every one-character edit of a matching sample.
/// </summary>
public class SpecPatternTests
{
    private const string Alphabet = "09afAFzZ.-,/:_ +$^é日\n\t\u00a0\u0660";

    // Matching samples: their one-character edits are where a matcher is most likely to be wrong.
    private static readonly Dictionary<string, string[]> Samples = new(StringComparer.Ordinal)
    {
        [@"^-?[0-9]+(\.[0-9]+)?$"] = ["0", "-1", "12.25", "-0.000001", "123456789012345678901234567890.5"],
        [@"^[^,/]+(,[^,/]+)*$"] = ["12", "12,13,14", "a b,é", "x,y"],
        [@"^[0-9a-fA-F]{24}$"] = ["65f1c0ffee0123456789abcd", "ABCDEF0123456789abcdef01"],
        [@"^[A-Za-z0-9][A-Za-z0-9.\-]*$"] = ["expanse.sdsc.access-ci.org", "a", "A-1."],
        [@"^(ab)+c?$"] = ["ab", "ababc"],
        [@"^(?:[A-F]{2}:){2,3}[A-F]{2}$"] = ["AB:CD:EF", "AB:CD:EF:01"],
        [@"^x{2,}y{0,2}[^x]$"] = ["xxz", "xxxyyz"],
        [@"^a*a$"] = ["a", "aaaa"],
        [@"^[a-]+\.?$"] = ["a-a", "--."],
        [@"^\d+$"] = ["123", "\u0660\u0661"],
        [@"^(a|b)+$"] = ["abba"],
        [@"^a{2}b{1,3}$"] = ["aab", "aabbb"],
        [@"^$"] = [""],
    };

    public static TheoryData<string> Patterns => [.. SpecPatterns().Concat(Samples.Keys).Distinct(StringComparer.Ordinal)];

    [Fact]
    public void The_specs_simple_patterns_are_matched_without_a_regex()
    {
        var patterns = SpecPatterns().ToList();
        Assert.Contains(@"^-?[0-9]+(\.[0-9]+)?$", patterns);
        foreach (var pattern in new[] { @"^-?[0-9]+(\.[0-9]+)?$", @"^[^,/]+(,[^,/]+)*$", @"^[0-9a-fA-F]{24}$", @"^[A-Za-z0-9][A-Za-z0-9.\-]*$" })
        {
            Assert.True(Create(pattern).IsHandRolled, pattern);
        }
    }

    [Theory]
    [InlineData(@"^\d+$")] // any Unicode digit in .NET
    [InlineData(@"^(a|b)+$")]
    [InlineData(@"^a*a$")] // the repetition would have to give one back
    [InlineData(@"^(a?)+$")] // an empty repetition
    [InlineData(@"^[é]+$")]
    [InlineData(@"^a+?$")]
    [InlineData(@"abc$")] // not anchored at the start
    public void Patterns_outside_the_subset_go_to_the_regex(string pattern)
    {
        Assert.False(Create(pattern).IsHandRolled);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_pattern_matches_as_the_regex_does(string pattern)
    {
        var dotnet = DotNetPattern(pattern);
        var regex = new Regex(dotnet, RegexOptions.CultureInvariant);
        var matcher = SpecPattern.Create(dotnet, TimeSpan.FromSeconds(1));
        foreach (var value in Candidates(pattern))
        {
            Assert.True(regex.IsMatch(value) == matcher.IsMatch(value), $"{pattern} on '{value}': the regex says {regex.IsMatch(value)}");
        }
    }

    private static SpecPattern Create(string pattern) => SpecPattern.Create(DotNetPattern(pattern), TimeSpan.FromSeconds(1));

    // As the generator writes a spec pattern: ECMA-262's final '$' is .NET's '\z'.
    private static string DotNetPattern(string pattern) =>
        pattern.EndsWith('$') && !pattern.EndsWith(@"\$", StringComparison.Ordinal) ? pattern[..^1] + @"\z" : pattern;

    private static IEnumerable<string> SpecPatterns() => typeof(IValidatable).Assembly.GetTypes()
        .SelectMany(type => type.GetCustomAttributes<SpecMemberAttribute>())
        .Select(member => member.Pattern)
        .OfType<string>()
        .Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Candidates(string pattern)
    {
        string[] edges = ["", " ", "\n", "0\n", "a\n", "0", "a", ",", "/", ".", "-", "é", "\u0660"];
        foreach (var edge in edges)
        {
            yield return edge;
        }

        foreach (var sample in Samples.GetValueOrDefault(pattern, []))
        {
            yield return sample;
            yield return sample + "\n";
            for (var i = 0; i <= sample.Length; i++)
            {
                if (i < sample.Length)
                {
                    yield return sample.Remove(i, 1);
                }

                foreach (var c in Alphabet)
                {
                    yield return sample.Insert(i, c.ToString());
                    if (i < sample.Length)
                    {
                        yield return sample.Remove(i, 1).Insert(i, c.ToString());
                    }
                }
            }
        }

        // Random strings over the characters of the pattern and the alphabet.
        var random = new Random(pattern.Length * 31);
        var characters = (Alphabet + pattern).Distinct().ToArray();
        var builder = new StringBuilder();
        for (var n = 0; n < 3000; n++)
        {
            builder.Clear();
            var length = random.Next(0, 30);
            for (var i = 0; i < length; i++)
            {
                builder.Append(characters[random.Next(characters.Length)]);
            }

            yield return builder.ToString();
        }
    }
}
