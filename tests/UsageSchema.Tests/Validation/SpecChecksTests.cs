using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// The helpers every generated Validate() shares, pinned directly: the rule tests reach them only
/// through the values the specs happen to constrain, which leaves edges (long values, control
/// characters, secrets, equal instants) that no spec rule exercises today.
/// </summary>
public class SpecChecksTests
{
    [Theory]
    [InlineData("", "Username", "Username")]
    [InlineData("Records[3]", "Attributes", "Records[3].Attributes")]
    [InlineData("Records[3].Attributes", "NodeCount", "Records[3].Attributes.NodeCount")]
    public void Member_paths_join_with_a_dot_except_at_the_root(string path, string wireName, string expected)
    {
        Assert.Equal(expected, SpecChecks.Member(path, wireName));
    }

    [Theory]
    [InlineData("Records", 0, "Records[0]")]
    [InlineData("Records", 12345, "Records[12345]")]
    [InlineData("", 7, "[7]")]
    public void Item_paths_put_the_index_in_brackets(string path, int index, string expected)
    {
        Assert.Equal(expected, SpecChecks.Item(path, index));
    }

    [Theory]
    [InlineData("2024-03-01T10:00:00Z", "2024-03-01T10:00:00.0000001Z", false, true)]
    [InlineData("2024-03-01T10:00:01Z", "2024-03-01T10:00:00Z", false, false)]
    [InlineData("2024-03-01T10:00:01Z", "2024-03-01T10:00:00Z", true, false)]
    [InlineData("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z", false, false)] // strict: equal is out of order
    [InlineData("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z", true, true)]
    [InlineData("2024-03-01T11:00:00+01:00", "2024-03-01T10:00:00Z", true, true)] // same instant, other offset
    [InlineData("2024-03-01T11:00:00+01:00", "2024-03-01T10:00:00Z", false, false)]
    [InlineData("2024-03-01T09:00:00-05:00", "2024-03-01T10:00:00Z", true, false)] // 14:00Z is after 10:00Z
    public void Instants_are_compared_in_utc(string earlier, string later, bool allowEqual, bool expected)
    {
        Assert.Equal(expected, SpecChecks.InstantsInOrder(earlier, later, allowEqual));
    }

    [Theory]
    [InlineData(null, "2024-03-01T10:00:00Z")]
    [InlineData("2024-03-01T10:00:00Z", null)]
    [InlineData(null, null)]
    [InlineData("yesterday", "2024-03-01T10:00:00Z")]
    [InlineData("2024-03-01T10:00:00Z", "tomorrow")]
    [InlineData("2024-03-02 10:00:00", "2024-03-01T10:00:00Z")] // even one that would be later if parsed loosely
    public void A_missing_or_malformed_instant_is_left_to_its_own_check(string? earlier, string? later)
    {
        // Its own required/format violation already names it; a second "out of order" would be noise.
        Assert.True(SpecChecks.InstantsInOrder(earlier, later, allowEqual: false));
        Assert.True(SpecChecks.InstantsInOrder(later, earlier, allowEqual: false));
    }

    [Fact]
    public void Is_date_time_follows_the_wire_parser()
    {
        Assert.True(SpecChecks.IsDateTime("2024-03-01T10:00:00-05:00"));
        Assert.False(SpecChecks.IsDateTime("2024-03-01T10:00:00"));
        Assert.False(SpecChecks.IsDateTime(string.Empty));
    }

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("", "''")]
    [InlineData("it's", "'it's'")]
    public void Echo_quotes_a_short_value_as_it_is(string value, string expected)
    {
        Assert.Equal(expected, SpecChecks.Echo(value, secret: false));
    }

    [Fact]
    public void Echo_of_null_says_null_without_quotes()
    {
        Assert.Equal("null", SpecChecks.Echo(null, secret: false));
    }

    [Theory]
    [InlineData("hunter2")]
    [InlineData("")]
    [InlineData(null)]
    public void Echo_of_a_secret_never_shows_it(string? value)
    {
        Assert.Equal("(redacted)", SpecChecks.Echo(value, secret: true));
    }

    [Fact]
    public void Echo_keeps_a_value_of_exactly_64_characters_whole()
    {
        var value = new string('x', 64);

        Assert.Equal("'" + value + "'", SpecChecks.Echo(value, secret: false));
    }

    [Fact]
    public void Echo_cuts_a_longer_value_to_64_characters_and_gives_its_length()
    {
        var value = new string('a', 64) + "TAIL";

        Assert.Equal("'" + new string('a', 64) + "…' (68 characters)", SpecChecks.Echo(value, secret: false));
    }

    [Theory]
    [InlineData("a\nb", @"'a\nb'")]
    [InlineData("a\rb", @"'a\rb'")]
    [InlineData("a\tb", @"'a\tb'")]
    [InlineData("\n", @"'\n'")] // shorter than the builder's slack: the escaping must not depend on length
    [InlineData("\u0001", @"'\u0001'")]
    [InlineData("bell\u0007", @"'bell\u0007'")]
    [InlineData("\u001b[31mred", @"'\u001b[31mred'")] // an ANSI escape must not colour the operator's terminal
    [InlineData("\u0085", @"'\u0085'")] // C1 controls too
    public void Echo_shows_control_characters_instead_of_obeying_them(string value, string expected)
    {
        Assert.Equal(expected, SpecChecks.Echo(value, secret: false));
    }

    [Fact]
    public void Echo_escapes_only_control_characters_and_keeps_the_rest()
    {
        Assert.Equal(@"'ünï ☃ \n x'", SpecChecks.Echo("ünï ☃ \n x", secret: false));
    }

    [Fact]
    public void Echo_escapes_within_the_64_characters_it_keeps()
    {
        var value = new string('a', 63) + "\n" + "after the cut";

        Assert.Equal("'" + new string('a', 63) + @"\n…' (77 characters)", SpecChecks.Echo(value, secret: false));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e300, "1E+300")]
    [InlineData(double.NaN, "NaN")]
    public void Echo_of_a_double_is_round_trippable_and_culture_free(double value, string expected)
    {
        Assert.Equal(expected, SpecChecks.Echo(value));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-42L, "-42")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Echo_of_a_long_is_culture_free(long value, string expected)
    {
        Assert.Equal(expected, SpecChecks.Echo(value));
    }
}
