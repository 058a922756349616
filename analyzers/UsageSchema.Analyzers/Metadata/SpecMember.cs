using Microsoft.CodeAnalysis;
using UsageSchema.Constraints;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>
/// One member's spec facts, as read from a <c>[SpecMember]</c> attribute, and the catalog's checks
/// of them, built on the first constant the member is given and kept with it (one instance per
/// member per compilation), so that a constant costs its checks, not their construction.
/// </summary>
internal sealed class SpecMember
{
    private Check<string>[]? _stringChecks;
    private NumberChecks? _numberChecks;
    private EnumFacts? _enumFacts;

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

    /// <summary>The catalog's checks of a string value of this member, in Validate()'s order.</summary>
    public Check<string>[] StringChecks => _stringChecks ??= ConstraintCatalog.StringChecks(Constraints).ToArray();

    /// <summary>The catalog's checks of a number value of this member, for a C# member of this kind.</summary>
    public Check<double>[] NumberChecksFor(bool integral, bool floating)
    {
        // A member has one C# type, so one kind: the checks are built once; another kind (never seen) rebuilds them.
        var cached = _numberChecks;
        if (cached is null || cached.Integral != integral || cached.Floating != floating)
        {
            _numberChecks = cached = new NumberChecks(integral, floating, ConstraintCatalog.NumberChecks(Constraints, integral, floating).ToArray());
        }

        return cached.Checks;
    }

    /// <summary>The enum check of this member, for its C# enum type, built by <paramref name="build"/> once.</summary>
    public EnumFacts EnumFactsFor(INamedTypeSymbol enumType, Func<SpecMember, INamedTypeSymbol, EnumFacts> build)
    {
        var cached = _enumFacts;
        if (cached is null || !SymbolEqualityComparer.Default.Equals(cached.Type, enumType))
        {
            _enumFacts = cached = build(this, enumType);
        }

        return cached;
    }

    /// <summary>How messages name the member: <c>'LocalProjectID' (LocalProjectId)</c>.</summary>
    public string Display => "'" + WireName + "' (" + Member + ")";

    private sealed record NumberChecks(bool Integral, bool Floating, Check<double>[] Checks);
}

/// <summary>A C# enum's defined names and values, and the catalog's check of a member of that type.</summary>
internal sealed record EnumFacts(ITypeSymbol Type, bool HasMembers, Check<long> Check);
