using FsCheck;
using FsCheck.Fluent;
using UsageSchema.Amie;
using UsageSchema.Perseus;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Validation;

/// <summary>
/// IsValid() and Validate() are generated as two separate code paths (one must not allocate, the
/// other must explain). Random records mixing good and bad values check that they never disagree.
/// </summary>
public class ValidationProperties
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Elements(values);

    // Mostly valid values, so records with zero, one and several violations are all common.
    private static readonly Gen<string?> Names = Gen.Frequency((6, OneOf<string?>("jdoe")), (1, OneOf<string?>(null, string.Empty)));
    private static readonly Gen<string?> Times = Gen.Frequency(
        (6, OneOf<string?>("2024-03-01T09:00:00Z", "2024-03-01T10:00:00+01:00", "2024-03-01T10:00:00.5Z", "2024-03-01T05:00:00-05:00")),
        (1, OneOf<string?>(null, string.Empty, "2024-03-01 10:00:00", "2024-03-01T10:00:00", "2024-02-30T10:00:00Z")));
    private static readonly Gen<string?> Charges = Gen.Frequency((6, OneOf<string?>("1", "-2.5")), (1, OneOf<string?>(null, string.Empty, "abc", "1.5\n")));
    private static readonly Gen<int> NodeCounts = Gen.Frequency((6, Gen.Constant(2)), (1, OneOf(0, -1)));
    private static readonly Gen<string?> ParentIds = OneOf<string?>(null, null, "job-0", string.Empty);

    private static readonly Gen<ComputeUsageRecord> Computes =
        from username in Names
        from resource in Names
        from submit in Times
        from start in Times
        from end in Times
        from charge in Charges
        from nodes in NodeCounts
        from hasAttributes in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from parent in ParentIds
        select Compute(username, resource, submit, start, end, charge, nodes, hasAttributes, parent);

    private static ComputeUsageRecord Compute(
        string? username, string? resource, string? submit, string? start, string? end, string? charge, int nodes, bool hasAttributes, string? parent)
    {
        var record = Samples.Compute();
        record.Username = username!;
        record.Resource = resource!;
        record.SubmitTime = submit!;
        record.StartTime = start!;
        record.EndTime = end!;
        record.Charge = charge!;
        record.Attributes = hasAttributes ? new ComputeAttributes { NodeCount = nodes } : null!;
        record.ParentRecordId = parent;
        return record;
    }

    private static readonly Gen<UsageReport> Reports =
        from oid in Gen.Frequency((6, Gen.Constant<string?>(Samples.ProjectOid)), (1, OneOf<string?>(null, string.Empty, "65f1c0ffee0123456789abc", "65f1c0ffee0123456789abcg")))
        from start in Times
        from end in Times
        from value in Gen.Frequency((6, Gen.Constant(1.0)), (1, OneOf(-1.0, 0.0)))
        from factor in OneOf<double?>(null, 0, 1, -0.5)
        from user in OneOf<string?>(null, "u", string.Empty)
        from metric in OneOf<double?>(null, 2, -1)
        select Report(oid, start, end, value, factor, user, metric);

    private static UsageReport Report(string? oid, string? start, string? end, double value, double? factor, string? user, double? metric)
    {
        var report = Samples.Report();
        report.ProjectOid = oid!;
        report.Start = start!;
        report.End = end!;
        report.Value = value;
        report.ContingentFactor = factor;
        report.User = user;
        report.AdditionalMetrics = metric is { } metricValue ? [new AdditionalMetric { MetricId = "m", Value = metricValue }] : null;
        return report;
    }

    private static bool Agrees(IValidatable value)
    {
        var result = value.Validate();
        var violations = result.Violations;
        return value.IsValid() == result.IsValid
            && result.IsValid == (violations.Count == 0)
            && (!result.IsValid || ReferenceEquals(result, ValidationResult.Valid))
            // One violation per broken constraint: the same (path, rule) twice would be a double report.
            && violations.Select(violation => (violation.Path, violation.Rule)).Distinct().Count() == violations.Count
            && violations.All(violation => violation.Path.Length > 0 && violation.Message.Length > 0);
    }

    [Fact]
    public void Compute_record_is_valid_exactly_when_validate_finds_nothing()
    {
        Check.One(Quick, Prop.ForAll(Computes.ToArbitrary(), Agrees));
    }

    [Fact]
    public void Compute_message_is_valid_exactly_when_validate_finds_nothing()
    {
        var messages =
            from records in Gen.ListOf(Computes, 4)
            from count in Gen.Choose(0, 4)
            select Message(records.Take(count));

        Check.One(Quick, Prop.ForAll(messages.ToArbitrary(), message =>
            Agrees(message)
            && message.Validate().Violations.All(violation => violation.Path.StartsWith("Records", StringComparison.Ordinal))));
    }

    private static ComputeUsageMessage Message(IEnumerable<ComputeUsageRecord> records)
    {
        var message = new ComputeUsageMessage();
        foreach (var record in records)
        {
            message.Records.Add(record);
        }

        return message;
    }

    [Fact]
    public void Usage_report_is_valid_exactly_when_validate_finds_nothing()
    {
        Check.One(Quick, Prop.ForAll(Reports.ToArbitrary(), Agrees));
    }
}
