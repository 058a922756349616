using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// The one date-time form the specs allow: RFC 3339 with a mandatory offset. The parser is
/// hand-written (it must reject what DateTimeOffset.Parse accepts), so its edges are pinned here.
/// </summary>
public class Iso8601Tests
{
    [Theory]
    [InlineData("2024-03-01T10:00:00Z", 2024, 3, 1, 10, 0, 0, 0L, 0)]
    [InlineData("2024-03-01t10:00:00z", 2024, 3, 1, 10, 0, 0, 0L, 0)]
    [InlineData("2024-03-01T10:00:00+00:00", 2024, 3, 1, 10, 0, 0, 0L, 0)]
    [InlineData("2024-03-01T10:00:00-00:00", 2024, 3, 1, 10, 0, 0, 0L, 0)]
    [InlineData("2024-03-01T10:00:00+05:30", 2024, 3, 1, 10, 0, 0, 0L, 330)]
    [InlineData("2024-03-01T10:00:00-09:30", 2024, 3, 1, 10, 0, 0, 0L, -570)]
    [InlineData("2024-03-01T10:00:00+14:00", 2024, 3, 1, 10, 0, 0, 0L, 840)]
    [InlineData("2024-03-01T10:00:00-14:00", 2024, 3, 1, 10, 0, 0, 0L, -840)]
    [InlineData("2024-03-01T10:00:00.5Z", 2024, 3, 1, 10, 0, 0, 5_000_000L, 0)]
    [InlineData("2024-03-01T10:00:00.25-05:00", 2024, 3, 1, 10, 0, 0, 2_500_000L, -300)]
    [InlineData("2024-03-01T10:00:00.1234567Z", 2024, 3, 1, 10, 0, 0, 1_234_567L, 0)]
    [InlineData("2024-03-01T10:00:00.123456789Z", 2024, 3, 1, 10, 0, 0, 1_234_567L, 0)] // nine digits: below a tick is dropped
    [InlineData("2024-02-29T23:59:59Z", 2024, 2, 29, 23, 59, 59, 0L, 0)] // leap day
    [InlineData("2000-02-29T00:00:00Z", 2000, 2, 29, 0, 0, 0, 0L, 0)] // divisible by 400: leap
    [InlineData("0001-01-01T00:00:00Z", 1, 1, 1, 0, 0, 0, 0L, 0)]
    [InlineData("9999-12-31T23:59:59.9999999Z", 9999, 12, 31, 23, 59, 59, 9_999_999L, 0)]
    public void Valid_forms_parse_to_the_written_local_time_and_offset(
        string text, int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes)
    {
        Assert.True(Iso8601.TryParse(text, out var value));

        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(fractionTicks);
        Assert.Equal(expected.UtcTicks, value.UtcTicks);
        Assert.Equal(expected.Offset, value.Offset);
        Assert.Equal(expected.DateTime, value.DateTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-03-01")] // a date alone
    [InlineData("2024-03-01T10:00:00")] // no offset
    [InlineData("2024-03-01 10:00:00Z")] // space for T
    [InlineData("2024-03-01 10:00:00")]
    [InlineData("2024-03-01T10:00Z")] // no seconds
    [InlineData("2024-3-01T10:00:00Z")] // one-digit month
    [InlineData("24-03-01T10:00:00Z")]
    [InlineData("+2024-03-01T10:00:00Z")]
    [InlineData("2024-02-30T10:00:00Z")] // no such day
    [InlineData("2023-02-29T10:00:00Z")] // not a leap year
    [InlineData("1900-02-29T10:00:00Z")] // divisible by 100, not by 400: not leap
    [InlineData("2024-04-31T10:00:00Z")]
    [InlineData("2024-00-01T10:00:00Z")]
    [InlineData("2024-13-01T10:00:00Z")]
    [InlineData("2024-03-00T10:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-03-01T24:00:00Z")]
    [InlineData("2024-03-01T10:60:00Z")]
    [InlineData("2024-03-01T10:00:60Z")] // leap seconds have no DateTimeOffset
    [InlineData("2024-03-01T10:00:00+15:00")] // beyond the largest offset
    [InlineData("2024-03-01T10:00:00+14:01")]
    [InlineData("2024-03-01T10:00:00-14:30")]
    [InlineData("2024-03-01T10:00:00+05:60")]
    [InlineData("2024-03-01T10:00:00+0530")] // basic-format offset
    [InlineData("2024-03-01T10:00:00+05")]
    [InlineData("2024-03-01T10:00:00 +05:00")]
    [InlineData("2024-03-01T10:00:00UTC")]
    [InlineData("2024-03-01T10:00:00ZZ")]
    [InlineData("2024-03-01T10:00:00Z ")]
    [InlineData("2024-03-01T10:00:00Z\n")]
    [InlineData(" 2024-03-01T10:00:00Z")]
    [InlineData("2024-03-01T10:00:00.Z")] // a point without digits
    [InlineData("2024-03-01T10:00:00,5Z")] // comma fraction
    [InlineData("2024-03-01T10:00:00.1234567891Z")] // ten fraction digits
    [InlineData("2024-03-01T10:00:00.5")] // fraction without offset
    [InlineData("2024-03-01T10:00:00.5+")]
    [InlineData("٢٠٢٤-03-01T10:00:00Z")] // non-ASCII digits
    [InlineData("0001-01-01T00:00:00+01:00")] // before DateTimeOffset.MinValue in UTC
    [InlineData("9999-12-31T23:59:59-00:01")] // after DateTimeOffset.MaxValue in UTC
    public void Other_forms_are_rejected(string text)
    {
        Assert.False(Iso8601.TryParse(text, out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Span_slice_parses_without_copying()
    {
        // TryParse takes a span so callers can parse inside a larger buffer.
        var buffer = "[2024-03-01T10:00:00Z]".AsSpan(1, 20);

        Assert.True(Iso8601.TryParse(buffer, out var value));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), value);
    }

    [Fact]
    public void Same_instant_in_two_offsets_has_the_same_utc_ticks()
    {
        Assert.True(Iso8601.TryParse("2024-03-01T01:00:00+01:00", out var plusOne));
        Assert.True(Iso8601.TryParse("2024-03-01T00:00:00Z", out var utc));

        Assert.Equal(utc.UtcTicks, plusOne.UtcTicks);
        Assert.NotEqual(utc.Offset, plusOne.Offset);
    }
}
