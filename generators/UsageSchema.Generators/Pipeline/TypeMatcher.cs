using System.Collections.Immutable;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Pipeline;

/// <summary>
/// Joins each schema of a spec with the class NSwag generated for it. Members are matched through
/// their <c>[JsonPropertyName]</c>, never by re-deriving C# names from wire names.
/// </summary>
internal static class TypeMatcher
{
    // The format whose members the serializer writes through DecimalText (SpecMemberConverters).
    private const string DecimalFormat = "decimal";

    public static ImmutableArray<TypeToGenerate> Match(SpecModel spec, EquatableArray<ClassModel> classes, CancellationToken cancellationToken)
    {
        var types = ImmutableArray.CreateBuilder<TypeToGenerate>();
        foreach (var schema in spec.Schemas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = classes.FirstOrDefault(candidate => candidate.Namespace == spec.Namespace && candidate.Name == schema.Name);
            if (type is not null)
            {
                types.Add(Join(spec.Path, schema, type));
            }
        }

        return types.ToImmutable();
    }

    private static TypeToGenerate Join(string specPath, SchemaModel schema, ClassModel type)
    {
        var byWireName = new Dictionary<string, ClassMember>();
        foreach (var member in type.Members)
        {
            byWireName[member.WireName] = member;
        }

        var members = schema.Members
            .Where(member => byWireName.ContainsKey(member.WireName))
            .Select(member => new MemberToValidate(byWireName[member.WireName], member));

        var specByWireName = schema.Members.ToDictionary(member => member.WireName);
        var rules = schema.Rules
            .Where(rule => byWireName.ContainsKey(rule.Left) && byWireName.ContainsKey(rule.Right))
            .Select(rule => new RuleToEmit(rule.Text, byWireName[rule.Left], rule.Operator, byWireName[rule.Right], specByWireName[rule.Left].Constraints.IsDateTime));

        // A key with a member that has no C# side cannot be computed: no equality rather than a wrong one.
        var key = schema.UpsertKey.All(byWireName.ContainsKey)
            ? schema.UpsertKey.Select(name => new KeyMember(byWireName[name], specByWireName[name].Constraints.IsDateTime))
            : [];

        return new TypeToGenerate(
            specPath,
            type.Namespace,
            type.Name,
            type.IsAbstract,
            type.HasGeneratedBase,
            type.BaseIsAbstract,
            members.ToEquatableArray(),
            rules.ToEquatableArray(),
            key.ToEquatableArray(),
            schema.UsageRecord,
            schema.UsageRecord is { } api ? RecordInterfaces.InterfaceName(api) : null,
            schema.UsageType,
            type.Writing,
            type.Members.Select(member => new WireMember(member, specByWireName.TryGetValue(member.WireName, out var spec) && spec.Constraints.Format == DecimalFormat)).ToEquatableArray(),
            schema.UsageMessage is { } messageApi ? Message(messageApi, type) : null);
    }

    // A concrete message's records are its one array member; an abstract base has none.
    private static MessageOfInterface? Message(string api, ClassModel type)
    {
        var arrays = type.Members.Where(member => member.Kind == MemberKind.Collection && member.IsValidatable).ToList();
        if (!type.IsAbstract && arrays.Count != 1)
        {
            return null;
        }

        return new MessageOfInterface(RecordInterfaces.MessageInterfaceName(api), RecordInterfaces.InterfaceName(api), type.IsAbstract ? null : arrays[0].Name);
    }
}
