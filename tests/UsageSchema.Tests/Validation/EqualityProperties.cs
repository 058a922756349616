using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using UsageSchema.Amie;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// Property-based checks that upsert-key equality is a lawful equality. Values come from small
/// alphabets and pairs are derived from each other, so equal keys, near misses (case, null vs
/// empty, one tick) and the same instant in other offsets all turn up in every run.
/// </summary>
public class EqualityProperties
{
    private const int Runs = 1000;

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(Runs);

    private static readonly DateTimeOffset Origin = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Offsets a sender might write, including the extremes and a half-hour zone.
    private static readonly int[] OffsetMinutes = [0, 60, -300, 330, 840, -840];

    // Texts that are not date-times; they must still be usable, ordinally compared keys.
    private static readonly string?[] NotInstants = [null, string.Empty, "2024-03-01 00:00:00", "2024-03-01T00:00:00"];

    /// <summary>A wire date-time and what it means: an instant (UTC ticks) or, when invalid, just its text.</summary>
    public sealed record TimeText(string? Text, long? UtcTicks)
    {
        public bool SameKey(TimeText other) =>
            UtcTicks is { } ticks ? other.UtcTicks == ticks : other.UtcTicks is null && string.Equals(Text, other.Text, StringComparison.Ordinal);
    }

    public sealed record ReportSpec(
        string? ProjectOid, string? ComputeProjectId, string? ResourceId, TimeText Start, TimeText End,
        string? User, string? Partition, string? Priority, double Value)
    {
        // The oracle: the spec's key members, strings ordinal (null is not empty), date-times by instant.
        public bool SameKey(ReportSpec other) =>
            string.Equals(ProjectOid, other.ProjectOid, StringComparison.Ordinal)
            && string.Equals(ComputeProjectId, other.ComputeProjectId, StringComparison.Ordinal)
            && string.Equals(ResourceId, other.ResourceId, StringComparison.Ordinal)
            && Start.SameKey(other.Start)
            && End.SameKey(other.End)
            && string.Equals(User, other.User, StringComparison.Ordinal)
            && string.Equals(Partition, other.Partition, StringComparison.Ordinal)
            && string.Equals(Priority, other.Priority, StringComparison.Ordinal);

        public UsageReport Build() => new()
        {
            ProjectOid = ProjectOid!,
            ComputeProjectId = ComputeProjectId!,
            ResourceId = ResourceId!,
            Start = Start.Text!,
            End = End.Text!,
            User = User,
            Partition = Partition,
            Priority = Priority,
            Value = Value,
        };
    }

    public sealed record ComputeSpec(string? Resource, string? LocalRecordId, string Charge, string Username)
    {
        public bool SameKey(ComputeSpec other) =>
            string.Equals(Resource, other.Resource, StringComparison.Ordinal)
            && string.Equals(LocalRecordId, other.LocalRecordId, StringComparison.Ordinal);

        public ComputeUsageRecord Build()
        {
            var record = Samples.Compute();
            record.Resource = Resource!;
            record.LocalRecordId = LocalRecordId!;
            record.Charge = Charge;
            record.Username = Username;
            return record;
        }
    }

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Elements(values);

    // Four instants a tick or half an hour apart, so both exact matches and near misses are common.
    private static readonly Gen<long> InstantTicks = OneOf(
        Origin.UtcTicks,
        Origin.UtcTicks + 1,
        Origin.AddMinutes(30).UtcTicks,
        Origin.AddDays(1).UtcTicks);

    /// <summary>The instant written in a random offset and with a random fraction spelling.</summary>
    private static Gen<TimeText> Spell(long utcTicks) =>
        from offset in OneOf(OffsetMinutes)
        from zulu in Gen.Elements(true, false)
        from fraction in OneOf(string.Empty, ".0", ".000", ".0000000", ".000000000")
        select Format(utcTicks, offset, zulu, fraction);

    private static TimeText Format(long utcTicks, int offsetMinutes, bool zulu, string fraction)
    {
        var local = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
        var hasTicks = local.Ticks % TimeSpan.TicksPerSecond != 0;
        var text = local.ToString(hasTicks ? "yyyy-MM-ddTHH:mm:ss.fffffff" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            + (hasTicks ? string.Empty : fraction)
            + (offsetMinutes == 0 && zulu ? "Z" : local.ToString("zzz", CultureInfo.InvariantCulture));
        return new TimeText(text, utcTicks);
    }

    private static readonly Gen<TimeText> Times = Gen.Frequency(
        (5, InstantTicks.SelectMany(Spell)),
        (1, OneOf(NotInstants).Select(text => new TimeText(text, null))));

    /// <summary>The same meaning, spelled again: a valid instant in another offset, an invalid text as is.</summary>
    private static Gen<TimeText> Respell(TimeText time) => time.UtcTicks is { } ticks ? Spell(ticks) : Gen.Constant(time);

    private static Gen<T> KeepOr<T>(T current, Gen<T> other) => Gen.Frequency((3, Gen.Constant(current)), (1, other));

    private static readonly Gen<string?> Oids = OneOf<string?>(Samples.ProjectOid, Samples.ProjectOid.ToUpperInvariant());
    private static readonly Gen<string?> ProjectIds = OneOf<string?>("p1", "p2");
    private static readonly Gen<string?> ResourceIds = OneOf<string?>("r1", "R1");
    private static readonly Gen<string?> Users = OneOf<string?>(null, string.Empty, "u1");
    private static readonly Gen<string?> Partitions = OneOf<string?>(null, "cpu");
    private static readonly Gen<string?> Priorities = OneOf<string?>(null, "hi");
    private static readonly Gen<double> Values = Gen.Choose(0, 3).Select(value => (double)value);

    private static readonly Gen<ReportSpec> Reports =
        from oid in Oids
        from project in ProjectIds
        from resource in ResourceIds
        from start in Times
        from end in Times
        from user in Users
        from partition in Partitions
        from priority in Priorities
        from value in Values
        select new ReportSpec(oid, project, resource, start, end, user, partition, priority, value);

    /// <summary>A report that mostly shares the key of <paramref name="a"/>, with its times respelled.</summary>
    private static Gen<ReportSpec> Near(ReportSpec a) =>
        from oid in KeepOr(a.ProjectOid, Oids)
        from project in KeepOr(a.ComputeProjectId, ProjectIds)
        from resource in KeepOr(a.ResourceId, ResourceIds)
        from start in Gen.Frequency((4, Respell(a.Start)), (1, Times))
        from end in Gen.Frequency((4, Respell(a.End)), (1, Times))
        from user in KeepOr(a.User, Users)
        from partition in KeepOr(a.Partition, Partitions)
        from priority in KeepOr(a.Priority, Priorities)
        from value in Values
        select new ReportSpec(oid, project, resource, start, end, user, partition, priority, value);

    private static readonly Gen<(ReportSpec A, ReportSpec B, ReportSpec C)> ReportTriples =
        from a in Reports
        from b in Near(a)
        from c in Near(b)
        select (a, b, c);

    private static readonly Gen<string?> Resources = OneOf<string?>("res-a", "RES-A", "res-b", string.Empty, null);
    private static readonly Gen<string?> LocalRecordIds = OneOf<string?>("1", "01", "job-1", null);

    private static readonly Gen<ComputeSpec> Computes =
        from resource in Resources
        from id in LocalRecordIds
        from charge in OneOf("1", "2.5", "-3")
        from user in OneOf("jdoe", "asmith")
        select new ComputeSpec(resource, id, charge, user);

    private static Gen<ComputeSpec> Near(ComputeSpec a) =>
        from resource in KeepOr(a.Resource, Resources)
        from id in KeepOr(a.LocalRecordId, LocalRecordIds)
        from charge in OneOf("1", "2.5", "-3")
        from user in OneOf("jdoe", "asmith")
        select new ComputeSpec(resource, id, charge, user);

    private static readonly Gen<(ComputeSpec A, ComputeSpec B, ComputeSpec C)> ComputeTriples =
        from a in Computes
        from b in Near(a)
        from c in Near(b)
        select (a, b, c);

    /// <summary>Every law of an equality that agrees with its hash, comparer and operators.</summary>
    private static bool Lawful<T>(T x, T y, T z, T xAgain, IEqualityComparer<T> comparer, Func<T, T, bool> equalOperator, Func<T, T, bool> notEqualOperator)
        where T : class, IEquatable<T>
    {
        var equal = x.Equals(y);
        return x.Equals(x) && x.Equals(xAgain) && xAgain.Equals(x)                    // reflexive, also across instances
            && equal == y.Equals(x)                                                   // symmetric
            && (!equal || x.GetHashCode() == y.GetHashCode())                         // equal implies same hash
            && (!(equal && y.Equals(z)) || x.Equals(z))                               // transitive
            && equal == x.Equals((object)y)                                           // object overload agrees
            && equal == comparer.Equals(x, y)                                         // comparer agrees
            && comparer.GetHashCode(x) == x.GetHashCode()
            && equal == equalOperator(x, y)
            && equal != notEqualOperator(x, y)
            && !x.Equals(null);
    }

    [Fact]
    public void Usage_report_equality_is_lawful_and_matches_the_upsert_key()
    {
        Check.One(Quick, Prop.ForAll(ReportTriples.ToArbitrary(), triple =>
        {
            var (a, b, c) = triple;
            var x = a.Build();
            var y = b.Build();
            return Lawful(x, y, c.Build(), a.Build(), UsageReport.UpsertKeyComparer, static (l, r) => l == r, static (l, r) => l != r)
                && x.Equals(y) == a.SameKey(b);
        }));
    }

    [Fact]
    public void Compute_record_equality_is_lawful_and_matches_the_upsert_key()
    {
        Check.One(Quick, Prop.ForAll(ComputeTriples.ToArbitrary(), triple =>
        {
            var (a, b, c) = triple;
            var x = a.Build();
            var y = b.Build();
            return Lawful(x, y, c.Build(), a.Build(), ComputeUsageRecord.UpsertKeyComparer, static (l, r) => l == r, static (l, r) => l != r)
                && x.Equals(y) == a.SameKey(b);
        }));
    }

    [Fact]
    public void Generated_pairs_cover_both_equal_and_unequal_keys()
    {
        // Guards the properties above against passing vacuously: the generators must produce equal
        // keys written differently, not only distinct ones.
        var reports = Gen.Sample(ReportTriples, Runs);
        var equalReports = reports.Count(triple => triple.A.SameKey(triple.B));
        var respelled = reports.Count(triple => triple.A.SameKey(triple.B) && triple.A.Start.Text != triple.B.Start.Text);
        var computes = Gen.Sample(ComputeTriples, Runs);
        var equalComputes = computes.Count(triple => triple.A.SameKey(triple.B));

        Assert.InRange(equalReports, Runs / 20, Runs - (Runs / 20));
        Assert.InRange(respelled, Runs / 50, Runs);
        Assert.InRange(equalComputes, Runs / 20, Runs - (Runs / 20));
    }

    [Fact]
    public void Iso8601_round_trips_any_instant_in_any_offset()
    {
        // Every tick from year 1 to 9999 and every whole-minute offset within +-14:00.
        var span = TimeSpan.FromHours(14).Ticks;
        var min = DateTimeOffset.MinValue.UtcTicks + span;
        var range = DateTimeOffset.MaxValue.UtcTicks - span - min;
        var instants =
            from high in Gen.Choose(0, int.MaxValue)
            from low in Gen.Choose(0, int.MaxValue)
            from offset in Gen.Choose(-840, 840)
            select new DateTimeOffset(min + ((((long)high << 31) | (uint)low) % range), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset));

        Check.One(Quick, Prop.ForAll(instants.ToArbitrary(), value =>
        {
            var text = value.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
            return Iso8601.TryParse(text, out var parsed)
                && parsed.UtcTicks == value.UtcTicks
                && parsed.Offset == value.Offset
                && new DateTimeKey(text).Equals(new DateTimeKey(value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)));
        }));
    }
}
