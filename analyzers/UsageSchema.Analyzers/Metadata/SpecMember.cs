using UsageSchema.Constraints;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>One member's spec facts, as read from a <c>[SpecMember]</c> attribute.</summary>
internal sealed class SpecMember
{
    public SpecMember(string wireName, string member, MemberConstraints constraints)
    {
        WireName = wireName;
        Member = member;
        Constraints = constraints;
    }

    public string WireName { get; }

    public string Member { get; }

    /// <summary>The member's constraints, in the shape the generator read them from the spec.</summary>
    public MemberConstraints Constraints { get; }

    public bool Required => Constraints.Required;

    /// <summary>How messages name the member: <c>'LocalProjectID' (LocalProjectId)</c>.</summary>
    public string Display => "'" + WireName + "' (" + Member + ")";
}
