using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// A non-digit after a valid digit in any fixed-width field. The field read so far would be a valid
/// value on its own (year 2, hour 1, offset +00), so only the digit check itself rejects these.
/// </summary>
public class Iso8601DigitTests
{
    [Theory]
    [InlineData("2x24-03-01T10:00:00Z")] // year
    [InlineData("202x-03-01T10:00:00Z")]
    [InlineData("2024-0x-01T10:00:00Z")] // month
    [InlineData("2024-1x-01T10:00:00Z")]
    [InlineData("2024-03-1xT10:00:00Z")] // day
    [InlineData("2024-03-01T1x:00:00Z")] // hour
    [InlineData("2024-03-01T10:0x:00Z")] // minute
    [InlineData("2024-03-01T10:00:0xZ")] // second
    [InlineData("2024-03-01T10:00:00+0x:00")] // offset hours
    [InlineData("2024-03-01T10:00:00+00:0x")] // offset minutes
    [InlineData("2024-03-01T10:00:00-0 :00")]
    public void A_non_digit_inside_a_field_is_rejected(string text)
    {
        Assert.False(Iso8601.TryParse(text, out var value));
        Assert.Equal(default, value);
    }
}
