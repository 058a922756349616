using System.Collections.Immutable;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>One member's spec facts, as read from a <c>[SpecMember]</c> attribute.</summary>
internal sealed class SpecMember
{
    public SpecMember(string wireName, string member)
    {
        WireName = wireName;
        Member = member;
    }

    public string WireName { get; }

    public string Member { get; }

    public bool Required { get; set; }

    public string? Format { get; set; }

    public string? Pattern { get; set; }

    public int MinLength { get; set; } = -1;

    public int MaxLength { get; set; } = -1;

    public double Minimum { get; set; } = double.NaN;

    public double Maximum { get; set; } = double.NaN;

    public bool ExclusiveMinimum { get; set; }

    public bool ExclusiveMaximum { get; set; }

    public ImmutableArray<string> EnumValues { get; set; } = ImmutableArray<string>.Empty;

    public bool Secret { get; set; }

    public bool IsDateTime => string.Equals(Format, "date-time", StringComparison.Ordinal);

    /// <summary>How messages name the member: <c>'LocalProjectID' (LocalProjectId)</c>.</summary>
    public string Display => "'" + WireName + "' (" + Member + ")";
}
