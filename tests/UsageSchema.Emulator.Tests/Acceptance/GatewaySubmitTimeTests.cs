using UsageSchema.Emulator.Acceptance;

namespace UsageSchema.Emulator.Tests.Acceptance;

public sealed class GatewaySubmitTimeTests
{
    [Theory]
    [InlineData("2019-05-31 14:32:00 -07:00", "2019-05-31T21:32:00Z")]
    [InlineData("2019-05-31 14:32:00 -0700", "2019-05-31T21:32:00Z")]
    [InlineData("2019-05-31 14:32:00-0700", "2019-05-31T21:32:00Z")]
    [InlineData("2019-05-31 14:32 PST", "2019-05-31T22:32:00Z")]
    [InlineData("2019-05-31 14:32 UTC", "2019-05-31T14:32:00Z")]
    [InlineData("2019-05-31 14:32:00Z", "2019-05-31T14:32:00Z")]
    [InlineData("2019-05-31T14:32:00+02:00", "2019-05-31T12:32:00Z")]
    [InlineData("2019-05-31 14:32:00.250 -07:00", "2019-05-31T21:32:00.25Z")]
    [InlineData("2019-05-31 14:32:00", "2019-05-31T14:32:00Z")]
    [InlineData("2019-05-31 14:32", "2019-05-31T14:32:00Z")]
    public void Every_live_form_reads_as_its_instant(string text, string utc)
    {
        Assert.True(GatewaySubmitTime.TryParse(text, out var time), text);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2019-05-31")]
    [InlineData("2019-13-31 14:32:00")]
    [InlineData("2019-05-31 14:32:00 XYZ")]
    [InlineData("2019-05-31 14:32:00 +25:00")]
    [InlineData("")]
    public void Other_text_is_not_a_submission_time(string text) => Assert.False(GatewaySubmitTime.TryParse(text, out _));
}
