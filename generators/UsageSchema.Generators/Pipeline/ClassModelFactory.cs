using Microsoft.CodeAnalysis;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Pipeline;

/// <summary>Reads a class NSwag generated into a symbol-free <see cref="ClassModel"/>.</summary>
internal static class ClassModelFactory
{
    private const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    private const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";
    private const string NSwagSchemaTool = "NJsonSchema";
    private const string JsonAttributeNamespace = "System.Text.Json.Serialization";
    private const string ExtensionDataField = "_additionalProperties";

    // JsonIgnoreCondition.WhenWritingNull: what the options do to every member anyway.
    private const int WhenWritingNull = 3;

    public static ClassModel? Create(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || !IsSchemaType(type) || IsAttribute(type))
        {
            return null;
        }

        var members = new List<ClassMember>();
        var writing = type.GetAttributes().Any(IsJsonAttribute) ? ClassWriting.Unsupported : ClassWriting.Plain;
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (property.IsStatic)
            {
                continue;
            }

            if (WireName(property) is not { } wireName)
            {
                writing = Unnamed(type, property, writing);
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
            members.ToEquatableArray(),
            writing);
    }

    /// <summary>
    /// What a property without a wire name does to a writer: nothing when the serializer skips it
    /// (not public, explicit, <c>[JsonIgnore]</c>), extension data when it is NSwag's (read through
    /// its backing field, whose getter allocates), and no writer otherwise.
    /// </summary>
    private static ClassWriting Unnamed(INamedTypeSymbol type, IPropertySymbol property, ClassWriting writing)
    {
        if (property.DeclaredAccessibility != Accessibility.Public || property.ExplicitInterfaceImplementations.Length > 0 || property.IsIndexer
            || property.GetAttributes().Any(attribute => Is(attribute, "JsonIgnoreAttribute") && attribute.NamedArguments.Length == 0))
        {
            return writing;
        }

        var extensionData = property.GetAttributes().Any(attribute => Is(attribute, "JsonExtensionDataAttribute"));
        var field = type.GetMembers(ExtensionDataField).OfType<IFieldSymbol>().FirstOrDefault();
        return extensionData && writing == ClassWriting.Plain && field is not null
            && SymbolEqualityComparer.Default.Equals(field.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), property.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))
            && property.Type.ToDisplayString() is "System.Collections.Generic.IDictionary<string, System.Text.Json.JsonElement>" or "System.Collections.Generic.IDictionary<string, object>"
            ? ClassWriting.PlainWithExtensionData
            : ClassWriting.Unsupported;
    }

    /// <summary>
    /// True when no attribute changes how the serializer writes the member: only its wire name,
    /// the options' own ignore condition, and attributes outside System.Text.Json (validation).
    /// </summary>
    private static bool IsPlainlyWritten(IPropertySymbol property) =>
        property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
        && property.GetAttributes().Where(IsJsonAttribute).All(attribute =>
            Is(attribute, "JsonPropertyNameAttribute") || Is(attribute, "JsonRequiredAttribute")
            || (Is(attribute, "JsonIgnoreAttribute") && attribute.NamedArguments.Length == 1
                && attribute.NamedArguments[0] is { Key: "Condition", Value.Value: WhenWritingNull }));

    private static bool IsJsonAttribute(AttributeData attribute)
    {
        for (var current = attribute.AttributeClass; current is not null; current = current.BaseType)
        {
            if (current.ContainingNamespace?.ToDisplayString() == JsonAttributeNamespace)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && type.Name == name && type.ContainingNamespace?.ToDisplayString() == JsonAttributeNamespace;

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
            validatable,
            IsPlainlyWritten(property));
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
