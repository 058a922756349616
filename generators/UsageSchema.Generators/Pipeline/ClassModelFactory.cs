using Microsoft.CodeAnalysis;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Pipeline;

/// <summary>Reads a class NSwag generated into a symbol-free <see cref="ClassModel"/>.</summary>
internal static class ClassModelFactory
{
    private const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    private const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";
    private const string NSwagSchemaTool = "NJsonSchema";

    public static ClassModel? Create(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || !IsSchemaType(type) || IsAttribute(type))
        {
            return null;
        }

        var members = new List<ClassMember>();
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (property.IsStatic || WireName(property) is not { } wireName)
            {
                continue;
            }

            members.Add(Member(property, wireName));
        }

        var generatedBase = type.BaseType is { } baseType && IsSchemaType(baseType) ? baseType : null;
        return new ClassModel(
            type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.IsAbstract,
            generatedBase is not null,
            generatedBase?.IsAbstract ?? false,
            members.ToEquatableArray());
    }

    /// <summary>True for the schema types NSwag writes (tool <c>NJsonSchema</c>), not its clients or exceptions.</summary>
    internal static bool IsSchemaType(ITypeSymbol type) => type.GetAttributes().Any(attribute =>
        attribute.AttributeClass?.ToDisplayString() == GeneratedCodeAttribute
        && attribute.ConstructorArguments.Length > 0
        && attribute.ConstructorArguments[0].Value as string == NSwagSchemaTool);

    // NSwag's JsonInheritance attributes carry the schema tool's GeneratedCode attribute too.
    private static bool IsAttribute(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == "System.Attribute")
            {
                return true;
            }
        }

        return false;
    }

    private static string? WireName(IPropertySymbol property) => property.GetAttributes()
        .Where(attribute => attribute.AttributeClass?.ToDisplayString() == JsonPropertyNameAttribute && attribute.ConstructorArguments.Length == 1)
        .Select(attribute => attribute.ConstructorArguments[0].Value as string)
        .FirstOrDefault();

    private static ClassMember Member(IPropertySymbol property, string wireName)
    {
        var type = property.Type;
        var isNullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
            isNullable = true;
        }

        var kind = Kind(type, out var element);
        var enumMembers = type.TypeKind == TypeKind.Enum
            ? type.GetMembers().OfType<IFieldSymbol>().Where(field => field.HasConstantValue).Select(field => field.Name).ToEquatableArray()
            : EquatableArray<string>.Empty;
        var validatable = (kind == MemberKind.Object && IsSchemaType(type)) || (kind == MemberKind.Collection && element is not null && IsSchemaType(element));
        return new ClassMember(
            property.Name,
            wireName,
            kind,
            isNullable,
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            enumMembers,
            validatable);
    }

    private static MemberKind Kind(ITypeSymbol type, out ITypeSymbol? element)
    {
        element = null;
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return MemberKind.String;
            case SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64:
                return MemberKind.Integer;
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return MemberKind.Number;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return MemberKind.Enum;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1
            && generic.AllInterfaces.Append(generic).Any(candidate => candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))
        {
            element = generic.TypeArguments[0];
            return MemberKind.Collection;
        }

        return type.TypeKind == TypeKind.Class && IsSchemaType(type) ? MemberKind.Object : MemberKind.Other;
    }
}
