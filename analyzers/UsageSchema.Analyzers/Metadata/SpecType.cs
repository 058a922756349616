using System.Collections.Immutable;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>A type generated from a spec schema: its members' facts in spec order, base types' included.</summary>
internal sealed class SpecType
{
    private readonly Dictionary<string, SpecMember> _byMember;

    public SpecType(string spec, string schema, ImmutableArray<SpecMember> members)
    {
        Spec = spec;
        Schema = schema;
        Members = members;
        _byMember = new Dictionary<string, SpecMember>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!_byMember.ContainsKey(member.Member))
            {
                _byMember.Add(member.Member, member);
            }
        }

        Required = members.Where(member => member.Required).ToImmutableArray();
    }

    public string Spec { get; }

    public string Schema { get; }

    public ImmutableArray<SpecMember> Members { get; }

    /// <summary>The members in the schema's required set, in spec order.</summary>
    public ImmutableArray<SpecMember> Required { get; }

    /// <summary>The facts of the C# member <paramref name="member"/>, if the spec describes it.</summary>
    public SpecMember? Find(string member) => _byMember.TryGetValue(member, out var found) ? found : null;
}
