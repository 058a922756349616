namespace UsageSchema.Outbox.Tests;

/// <summary>The SQLite store's index value of a dedupe key (<see cref="SqliteKeyIndex"/>).</summary>
public sealed class SqliteKeyIndexTests
{
    [Fact]
    public void Keys_of_one_resource_share_the_hash_and_keep_the_record_id_as_text_so_they_sit_in_id_order()
    {
        var first = SqliteKeyIndex.Of(UsageApi.Amie, """["expanse.sdsc.access-ci.org","31415926"]""");
        var second = SqliteKeyIndex.Of(UsageApi.Amie, """["expanse.sdsc.access-ci.org","31415927"]""");
        Assert.Equal(first[..SqliteKeyIndex.HashBytes], second[..SqliteKeyIndex.HashBytes]);
        Assert.Equal("\"31415926\"]"u8.ToArray(), first[SqliteKeyIndex.HashBytes..]);
        Assert.True(first.AsSpan().SequenceCompareTo(second) < 0);
    }

    [Fact]
    public void The_api_and_every_part_of_the_key_change_the_value()
    {
        var amie = SqliteKeyIndex.Of(UsageApi.Amie, """["expanse.sdsc.access-ci.org","1"]""");
        Assert.NotEqual(amie, SqliteKeyIndex.Of(UsageApi.GatewayAttributes, """["expanse.sdsc.access-ci.org","1"]"""));
        Assert.NotEqual(amie, SqliteKeyIndex.Of(UsageApi.Amie, """["bridges2.psc.access-ci.org","1"]"""));
        Assert.NotEqual(amie, SqliteKeyIndex.Of(UsageApi.Amie, """["expanse.sdsc.access-ci.org","2"]"""));
        Assert.NotEqual(
            SqliteKeyIndex.Of(UsageApi.Perseus, """["p","c","r","s","e","u","part",null]"""),
            SqliteKeyIndex.Of(UsageApi.Perseus, """["p","c","r","s","e","u","part","null"]"""));
    }

    [Fact]
    public void The_value_reused_from_the_previous_key_is_the_value_of_the_key_itself()
    {
        // The writer keeps the last prefix's hash; a different prefix of the same length must not reuse it.
        var writer = new SqliteKeyIndex();
        Span<byte> buffer = stackalloc byte[SqliteKeyIndex.MaxBytes];
        foreach (var key in new[] { """["aaa","1"]""", """["aaa","2"]""", """["bbb","1"]""", """["a\u0022b",null]""", """["unkeyed"]""" })
        {
            var length = writer.Write(UsageApi.Amie, key, buffer);
            Assert.Equal(SqliteKeyIndex.Of(UsageApi.Amie, key), buffer[..length].ToArray());
        }
    }

    [Fact]
    public void A_long_last_part_is_hashed_with_the_rest_so_the_value_stays_short()
    {
        var key = "[\"r\",\"" + new string('9', 500) + "\"]";
        Assert.Equal(SqliteKeyIndex.HashBytes, SqliteKeyIndex.Of(UsageApi.Amie, key).Length);
    }
}
