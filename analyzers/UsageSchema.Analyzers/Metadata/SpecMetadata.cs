using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using UsageSchema.Constraints;

namespace UsageSchema.Analyzers.Metadata;

/// <summary>
/// Reads the <c>[SpecSchema]</c> and <c>[SpecMember]</c> attributes that the source generator
/// writes onto every type generated from a spec, in the referenced UsageSchema assembly. One
/// instance per compilation, shared by the analyzers (<see cref="For"/>); each type is read once,
/// on its first use, and an operation only looks its type up.
/// </summary>
internal sealed class SpecMetadata
{
    public const string SchemaAttributeName = "UsageSchema.Metadata.SpecSchemaAttribute";
    public const string MemberAttributeName = "UsageSchema.Metadata.SpecMemberAttribute";

    /// <summary>The assembly the attributes ship in (the package's library).</summary>
    private const string LibraryAssemblyName = "UsageSchema";

    // One reader per compilation for both analyzers (and a consumer compilation's every pass), dropped with it.
    private static readonly ConditionalWeakTable<Compilation, Holder> PerCompilation = new();

    private readonly INamedTypeSymbol _schemaAttribute;
    private readonly INamedTypeSymbol _memberAttribute;
    private readonly ConcurrentDictionary<INamedTypeSymbol, SpecType?> _types = new(SymbolEqualityComparer.Default);

    private SpecMetadata(INamedTypeSymbol schemaAttribute, INamedTypeSymbol memberAttribute)
    {
        _schemaAttribute = schemaAttribute;
        _memberAttribute = memberAttribute;
    }

    /// <summary>The reader of <paramref name="compilation"/> that every analyzer shares, or null when it does not reference UsageSchema.</summary>
    public static SpecMetadata? For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new Holder(TryCreate(c))).Metadata;

    /// <summary>A new reader for <paramref name="compilation"/>, or null when it does not reference UsageSchema: then there is nothing to analyze.</summary>
    public static SpecMetadata? TryCreate(Compilation compilation)
    {
        // The attributes live in the UsageSchema assembly: looked up there first, which costs a
        // dictionary lookup, where Compilation.GetTypeByMetadataName searches every reference.
        var library = LibraryAssembly(compilation);
        var schema = library?.GetTypeByMetadataName(SchemaAttributeName) ?? compilation.GetTypeByMetadataName(SchemaAttributeName);
        var member = library?.GetTypeByMetadataName(MemberAttributeName) ?? compilation.GetTypeByMetadataName(MemberAttributeName);
        return schema is not null && member is not null ? new SpecMetadata(schema, member) : null;
    }

    /// <summary>
    /// The spec facts of <paramref name="type"/> when the type itself carries <c>[SpecSchema]</c>
    /// (members of generated base types included); null for any other type, including a type
    /// derived from a spec type in the consumer's code, whose constructor may set members.
    /// </summary>
    public SpecType? Get(ITypeSymbol? type) => type is INamedTypeSymbol named ? _types.GetOrAdd(named.OriginalDefinition, Read) : null;

    private static IAssemblySymbol? LibraryAssembly(Compilation compilation)
    {
        if (compilation.Assembly.Name == LibraryAssemblyName)
        {
            return compilation.Assembly;
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == LibraryAssemblyName)
            {
                return assembly;
            }
        }

        return null;
    }

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
            type,
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

    /// <summary>A reference type around a possibly null reader, for the table.</summary>
    private sealed class Holder
    {
        public Holder(SpecMetadata? metadata) => Metadata = metadata;

        public SpecMetadata? Metadata { get; }
    }
}
