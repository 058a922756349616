using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Tests.Sacct;

/// <summary>The LocalRecordIDs a sacct reading remembers: every id once, in memory that does not grow per row for Slurm's numbers.</summary>
public sealed class SeenRecordIdsTests
{
    [Fact]
    public void A_plain_job_id_is_seen_once_without_its_line()
    {
        var seen = new SeenRecordIds();

        Assert.True(seen.TryAdd("4100000", 2, out _));
        Assert.True(seen.TryAdd("4100001", 3, out _));
        Assert.False(seen.TryAdd("4100000", 9, out var earlier));
        Assert.Equal(0, earlier);
    }

    [Theory]
    [InlineData("123_45")]
    [InlineData("123+0")]
    [InlineData("0123")]
    [InlineData("134217728")]
    [InlineData("99999999999")]
    public void Other_ids_keep_the_line_they_were_read_on(string id)
    {
        var seen = new SeenRecordIds();

        Assert.True(seen.TryAdd(id, 7, out _));
        Assert.False(seen.TryAdd(id, 12, out var earlier));
        Assert.Equal(7, earlier);
    }

    [Fact]
    public void Ids_that_only_look_alike_are_different()
    {
        var seen = new SeenRecordIds();

        Assert.True(seen.TryAdd("123", 1, out _));
        Assert.True(seen.TryAdd("0123", 2, out _));
        Assert.True(seen.TryAdd("123_0", 3, out _));
        Assert.True(seen.TryAdd("1230", 4, out _));
        Assert.True(seen.TryAdd("0", 5, out _));
        Assert.True(seen.TryAdd("134217727", 6, out _)); // the largest id kept as a bit
        Assert.False(seen.TryAdd("134217727", 7, out _));
        Assert.False(seen.TryAdd("0", 8, out _));
    }
}
