using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using UsageSchema.Constraints;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>
/// Reads the <c>[SpecSchema]</c> and <c>[SpecMember]</c> attributes that the source generator
/// writes onto every type generated from a spec, in the referenced UsageSchema assembly. One
/// instance per compilation; each type is read once.
/// </summary>
internal sealed class SpecMetadata
{
    public const string SchemaAttributeName = "UsageSchema.Metadata.SpecSchemaAttribute";
    public const string MemberAttributeName = "UsageSchema.Metadata.SpecMemberAttribute";

    private readonly INamedTypeSymbol _schemaAttribute;
    private readonly INamedTypeSymbol _memberAttribute;
    private readonly ConcurrentDictionary<INamedTypeSymbol, SpecType?> _types = new(SymbolEqualityComparer.Default);

    private SpecMetadata(INamedTypeSymbol schemaAttribute, INamedTypeSymbol memberAttribute)
    {
        _schemaAttribute = schemaAttribute;
        _memberAttribute = memberAttribute;
    }

    /// <summary>The reader for <paramref name="compilation"/>, or null when it does not reference UsageSchema: then there is nothing to analyze.</summary>
    public static SpecMetadata? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName(SchemaAttributeName) is { } schema && compilation.GetTypeByMetadataName(MemberAttributeName) is { } member
            ? new SpecMetadata(schema, member)
            : null;

    /// <summary>
    /// The spec facts of <paramref name="type"/> when the type itself carries <c>[SpecSchema]</c>
    /// (members of generated base types included); null for any other type, including a type
    /// derived from a spec type in the consumer's code, whose constructor may set members.
    /// </summary>
    public SpecType? Get(ITypeSymbol? type) => type is INamedTypeSymbol named ? _types.GetOrAdd(named.OriginalDefinition, Read) : null;

    private SpecType? Read(INamedTypeSymbol type)
    {
        AttributeData? schema = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _schemaAttribute))
            {
                schema = attribute;
                break;
            }
        }

        if (schema is null || schema.ConstructorArguments.Length != 2)
        {
            return null;
        }

        var members = ImmutableArray.CreateBuilder<SpecMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        AddMembers(type, members, seen);
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (Get(baseType) is { } generatedBase)
            {
                foreach (var member in generatedBase.Members)
                {
                    if (seen.Add(member.Member))
                    {
                        members.Add(member);
                    }
                }

                break;
            }
        }

        return new SpecType(
            schema.ConstructorArguments[0].Value as string ?? string.Empty,
            schema.ConstructorArguments[1].Value as string ?? type.Name,
            members.ToImmutable());
    }

    private void AddMembers(INamedTypeSymbol type, ImmutableArray<SpecMember>.Builder members, HashSet<string> seen)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _memberAttribute)
                || attribute.ConstructorArguments.Length != 2
                || attribute.ConstructorArguments[0].Value is not string wireName
                || attribute.ConstructorArguments[1].Value is not string name
                || !seen.Add(name))
            {
                continue;
            }

            var constraints = MemberConstraints.None;
            foreach (var argument in attribute.NamedArguments)
            {
                var values = argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull
                    ? argument.Value.Values.Select(item => item.Value as string).Where(item => item is not null).Select(item => item!).ToList()
                    : null;
                constraints = constraints.WithAttributeArgument(argument.Key, argument.Value.Kind == TypedConstantKind.Array ? null : argument.Value.Value, values);
            }

            members.Add(new SpecMember(wireName, name, constraints));
        }
    }
}
