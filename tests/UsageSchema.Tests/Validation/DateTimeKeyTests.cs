using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// A date-time in an upsert key is the instant, not the text; text that is no date-time still has
/// to be a usable key, so it falls back to ordinal text comparison.
/// </summary>
public class DateTimeKeyTests
{
    [Theory]
    [InlineData("2024-03-01T01:00:00+01:00", "2024-03-01T00:00:00Z")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00+00:00")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01t00:00:00z")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00.000000000Z")]
    [InlineData("2024-03-01T00:00:00Z", "2024-02-29T10:00:00-14:00")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T14:00:00+14:00")]
    [InlineData("2024-03-01T00:00:00.1234567Z", "2024-03-01T00:00:00.12345678Z")] // equal once truncated to ticks
    public void Same_instant_in_any_spelling_is_one_key(string left, string right)
    {
        var a = new DateTimeKey(left);
        var b = new DateTimeKey(right);

        Assert.True(a.Equals(b));
        Assert.True(b.Equals(a));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00.0000001Z")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00+01:00")]
    public void Different_instants_are_different_keys(string left, string right)
    {
        Assert.NotEqual(new DateTimeKey(left), new DateTimeKey(right));
        Assert.True(new DateTimeKey(left) != new DateTimeKey(right));
    }

    [Fact]
    public void Text_that_is_not_a_date_time_compares_ordinally()
    {
        Assert.Equal(new DateTimeKey("2024-03-01 00:00:00"), new DateTimeKey("2024-03-01 00:00:00"));
        Assert.Equal(new DateTimeKey("2024-03-01 00:00:00").GetHashCode(), new DateTimeKey("2024-03-01 00:00:00").GetHashCode());
        Assert.NotEqual(new DateTimeKey("2024-03-01 00:00:00"), new DateTimeKey("2024-03-01 00:00:00 "));
        Assert.NotEqual(new DateTimeKey("yesterday"), new DateTimeKey("YESTERDAY"));
    }

    [Theory]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01 00:00:00Z")]
    [InlineData("2024-03-01T00:00:00Z", "")]
    [InlineData("2024-03-01T00:00:00Z", null)]
    public void Invalid_text_never_equals_a_valid_instant(string valid, string? invalid)
    {
        // Even text that names the same moment loosely: only a parsed instant may match an instant.
        var instant = new DateTimeKey(valid);
        var text = new DateTimeKey(invalid);

        Assert.False(instant.Equals(text));
        Assert.False(text.Equals(instant));
        Assert.True(instant != text);
    }

    [Fact]
    public void Null_and_empty_are_different_keys_and_default_is_null()
    {
        Assert.NotEqual(new DateTimeKey(null), new DateTimeKey(string.Empty));
        Assert.Equal(default, new DateTimeKey(null));
        Assert.Equal(new DateTimeKey(null).GetHashCode(), default(DateTimeKey).GetHashCode());
    }

    [Fact]
    public void Key_keeps_and_shows_the_wire_text()
    {
        Assert.Equal("2024-03-01T01:00:00+01:00", new DateTimeKey("2024-03-01T01:00:00+01:00").Text);
        Assert.Equal("2024-03-01T01:00:00+01:00", new DateTimeKey("2024-03-01T01:00:00+01:00").ToString());
        Assert.Null(new DateTimeKey(null).Text);
        Assert.Equal(string.Empty, new DateTimeKey(null).ToString());
    }

    [Fact]
    public void Keys_dedupe_in_a_hash_set_by_instant()
    {
        var keys = new HashSet<DateTimeKey>
        {
            new("2024-03-01T01:00:00+01:00"),
            new("2024-03-01T00:00:00Z"),
            new("2024-02-29T19:00:00-05:00"),
            new("2024-03-01T00:00:00"),
            new("2024-03-01T00:00:00"),
            new(null),
        };

        Assert.Equal(3, keys.Count);
    }

    [Fact]
    public void Equals_object_of_another_type_is_false()
    {
        Assert.False(new DateTimeKey("2024-03-01T00:00:00Z").Equals("2024-03-01T00:00:00Z"));
        Assert.False(new DateTimeKey("2024-03-01T00:00:00Z").Equals(null));
    }
}
