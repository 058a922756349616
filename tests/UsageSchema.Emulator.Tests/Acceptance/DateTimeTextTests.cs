using System.Globalization;
using System.Text.Json;
using Json.Schema;
using UsageSchema.Emulator.Acceptance;

namespace UsageSchema.Emulator.Tests.Acceptance;

/// <summary>
/// The emulator's byte-level <c>date-time</c> reading (<see cref="DateTimeText"/>) against the two readings it stands in
/// for: JsonSchema.Net's own <c>date-time</c> format (the verdict) and <c>DateTimeOffset.TryParse</c> (the instant the
/// spec's <c>x-rules</c> compare), on edge strings and on seeded variations of them.
/// </summary>
public sealed class DateTimeTextTests
{
    private static readonly Format Reference = FormatRegistry.Global.Get("date-time");

    public static TheoryData<string> Edges =>
    [
        "2021-01-01T00:00:00Z", "2021-01-01t00:00:00z", "2021-01-01T00:00:00z", "2021-01-01t00:00:00Z", "2021-01-01 00:00:00Z", "2021-01-01_00:00:00Z",
        "2021-01-01T00:00:00", "2021-01-01T00:00Z", "2021-01-01T00:00:00+24:00", "2021-01-01T00:00:00+23:59", "2021-01-01T00:00:00-23:59",
        "2021-01-01T00:00:00+14:00", "2021-01-01T00:00:00+14:01", "2021-01-01T00:00:00-14:00", "2021-01-01T00:00:00-00:00", "2021-01-01T00:00:00+01:60",
        "2021-01-01T00:00:00+0100", "2021-01-01T00:00:00+01", "2021-01-01T00:00:00+1:00",
        "2016-12-31T23:59:60Z", "2016-12-31T23:59:60z", "2016-12-31T23:59:60+00:00", "2016-12-31T15:59:60-08:00", "2017-01-01T00:59:60+01:00",
        "2021-06-30T23:59:60Z", "2021-01-01T00:00:60Z", "2021-01-01T23:58:60Z", "2016-12-31T23:59:61Z", "1998-12-31T23:59:60.5Z", "2021-01-01T12:29:60+12:30",
        "2020-02-29T00:00:00Z", "2021-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2021-04-31T00:00:00Z", "2021-04-30T00:00:00Z",
        "2021-00-10T00:00:00Z", "2021-13-10T00:00:00Z", "2021-01-00T00:00:00Z", "2021-01-32T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T23:60:00Z",
        "2021-01-01T00:00:00.1Z", "2021-01-01T00:00:00.1234567Z", "2021-01-01T00:00:00.12345678Z", "2021-01-01T00:00:00.123456789012345678901Z",
        "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00.1.2Z", "2021-01-01T00:00:00,5Z", "2021-01-01T00:00:00.0000000+13:59", "2021-01-01T00:00:59.99999999Z",
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00-01:00", "0002-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-01:00", "9998-12-31T23:59:59-14:00", "0000-13-01T00:00:00Z",
        "2021-1-01T00:00:00Z", "21-01-01T00:00:00Z", "20210101T000000Z", "2021-01-01", "", "x", " 2021-01-01T00:00:00Z", "2021-01-01T00:00:00Z ",
        "2021-01-01T00:00:00Z\n", "2021-01-01T00:00:00\u005aZ", "２０２１-01-01T00:00:00Z", "2021-01-01T00:00:00＋01:00", "2021-01-01T00:00:00Zx",
        "2024-03-01T08:05:12-08:00", "2019-05-31 14:32 PST", "2019-05-31 14:32:00 -07:00",
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void An_edge_string_is_read_as_JsonSchema_Net_and_DateTimeOffset_read_it(string text) => AssertAlike(text);

    [Fact]
    public void Seeded_variations_are_read_alike()
    {
        var random = new Random(20_261);
        const string alphabet = "0123456789-:T t_Zz+.\u00e9";
        string[] seeds = ["2024-03-01T08:05:12-08:00", "2016-12-31T23:59:60Z", "2020-02-29T23:59:59.1234567+14:00", "0001-01-01T00:00:00Z", "2021-01-01t00:00:60+00:01"];
        for (var round = 0; round < 4000; round++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToCharArray();
            for (var edits = random.Next(1, 3); edits > 0; edits--)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            AssertAlike(new string(chars));
        }
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_not_a_format_violation()
    {
        using var document = JsonDocument.Parse("""[1, null, {"a": 1}]""");
        foreach (var element in document.RootElement.EnumerateArray())
        {
            Assert.True(DateTimeText.IsValid(element));
            Assert.False(DateTimeText.TryInstant(element, out _));
        }
    }

    private static void AssertAlike(string text)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(text, Serialization.UsageJson.Options));
        var element = document.RootElement;
        var expectedInstant = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);

        bool expected;
        try
        {
            expected = Reference.Validate(element, out _);
        }
        catch (ArgumentOutOfRangeException)
        {
            // JsonSchema.Net throws on the year 0000: the reading here must throw alike (it leaves that year to it).
            Assert.Throws<ArgumentOutOfRangeException>(() => DateTimeText.IsValid(element));
            return;
        }

        var valid = DateTimeText.IsValid(element, out var hasInstant, out var instant);
        Assert.True(expected == valid, $"JsonSchema.Net says {expected}, DateTimeText {valid}: '{text}'");
        Assert.Equal(expectedInstant, DateTimeText.TryInstant(element, out var alone));
        if (expectedInstant)
        {
            Assert.Equal(parsed.UtcTicks, alone.UtcTicks);
        }

        if (valid)
        {
            Assert.True(expectedInstant == hasInstant, $"DateTimeOffset.TryParse says {expectedInstant}, DateTimeText {hasInstant}: '{text}'");
            if (hasInstant)
            {
                Assert.True(parsed.UtcTicks == instant.UtcTicks, $"'{text}': {parsed:o} and {instant:o}");
            }
        }
    }
}
