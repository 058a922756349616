using System.Globalization;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// Hash codes of keys whose text is no date-time. Equality alone would still hold if they all hashed
/// alike, but every upsert-key dictionary over such records would then collapse into one bucket.
/// </summary>
public class DateTimeKeyHashTests
{
    [Fact]
    public void Different_texts_that_are_no_date_times_spread_over_many_hash_codes()
    {
        var keys = Enumerable.Range(0, 100)
            .Select(i => new DateTimeKey("not a date " + i.ToString(CultureInfo.InvariantCulture)))
            .ToList();

        // Ordinal string hashes of 100 distinct strings all but never collide; one or two may.
        Assert.True(keys.Select(key => key.GetHashCode()).Distinct().Count() > 90);
    }
}
