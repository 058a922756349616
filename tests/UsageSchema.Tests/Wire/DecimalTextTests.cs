using UsageSchema.Serialization;

namespace UsageSchema.Tests.Wire;

public class DecimalTextTests
{
    [Theory]
    [InlineData("1e-05", "0.00001")]
    [InlineData("1E-5", "0.00001")]
    [InlineData("1.5e-7", "0.00000015")]
    [InlineData("+2.5", "2.5")]
    [InlineData("+0", "0")]
    [InlineData("2.5e3", "2500")]
    [InlineData("2.5E+3", "2500")]
    [InlineData("1.25e1", "12.5")]
    [InlineData("-4.2e-1", "-0.42")]
    [InlineData("1.0e0", "1")]
    [InlineData(".5", "0.5")]
    [InlineData("2.", "2")]
    [InlineData("007", "007")]
    [InlineData("2.500000", "2.500000")]
    [InlineData("-1", "-1")]
    [InlineData("123456789012345678901234567890.123456789e-30", "0.123456789012345678901234567890123456789")]
    public void Number_spellings_become_plain_decimal_text(string text, string plain) =>
        Assert.Equal(plain, DecimalText.ToPlain(text));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.5 SU")]
    [InlineData("1e")]
    [InlineData("1e999")]
    [InlineData("--1")]
    [InlineData(".")]
    [InlineData("+")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    public void Text_that_is_not_a_decimal_number_is_refused(string text) =>
        Assert.Null(DecimalText.ToPlain(text));
}
