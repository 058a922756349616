using NJsonSchema;
using NJsonSchema.CodeGeneration;

namespace UsageSchema.NSwag;

/// <summary>
/// C# member names are the PascalCase of the wire names: <c>LocalProjectID</c> becomes
/// <c>LocalProjectId</c>, <c>project_oid</c> becomes <c>ProjectOid</c>. A schema property may name
/// its member explicitly with <c>x-csharp-name</c> where the wire name is one run-together word
/// (<c>gatewayuser</c>); the wire name itself always stays in <c>[JsonPropertyName]</c>.
/// </summary>
internal sealed class WireNamePropertyNameGenerator : IPropertyNameGenerator
{
    public string Generate(JsonSchemaProperty property)
    {
        if (property.ExtensionData is { } extensions
            && extensions.TryGetValue("x-csharp-name", out var explicitName)
            && explicitName is string name
            && !string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        return PascalCase.FromWireName(property.Name);
    }
}
