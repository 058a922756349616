using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>A type generated from a spec schema: its members' facts in spec order, base types' included.</summary>
internal sealed class SpecType
{
    private readonly Dictionary<string, SpecMember> _byMember;

    public SpecType(INamedTypeSymbol type, string spec, string schema, ImmutableArray<SpecMember> members)
    {
        Spec = spec;
        Schema = schema;
        Members = members;
        _byMember = new Dictionary<string, SpecMember>(StringComparer.Ordinal);
        var required = ImmutableArray.CreateBuilder<SpecMember>();
        var unenforced = ImmutableArray.CreateBuilder<SpecMember>();
        foreach (var member in members)
        {
            if (!_byMember.ContainsKey(member.Member))
            {
                _byMember.Add(member.Member, member);
            }

            if (member.Required)
            {
                required.Add(member);
                if (!HasRequiredModifier(type, member.Member))
                {
                    unenforced.Add(member);
                }
            }
        }

        Required = required.ToImmutable();
        Unenforced = unenforced.ToImmutable();
    }

    public string Spec { get; }

    public string Schema { get; }

    public ImmutableArray<SpecMember> Members { get; }

    /// <summary>The members in the schema's required set, in spec order.</summary>
    public ImmutableArray<SpecMember> Required { get; }

    /// <summary>
    /// The required members the compiler does not enforce, in spec order: those without C#'s
    /// <c>required</c> modifier (one with it cannot be left out: the compiler reports CS9035). Read
    /// once per type, so that an object creation only compares names.
    /// </summary>
    public ImmutableArray<SpecMember> Unenforced { get; }

    /// <summary>The facts of the C# member <paramref name="member"/>, if the spec describes it.</summary>
    public SpecMember? Find(string member) => _byMember.TryGetValue(member, out var found) ? found : null;

    private static bool HasRequiredModifier(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var symbol in current.GetMembers(name))
            {
                if (symbol is IPropertySymbol property)
                {
                    return property.IsRequired;
                }
            }
        }

        return false;
    }
}
