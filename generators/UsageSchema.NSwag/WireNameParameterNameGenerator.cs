using NSwag;
using NSwag.CodeGeneration;

namespace UsageSchema.NSwag;

/// <summary>Method parameters are the camelCase of the wire names: <c>grant_number</c> becomes <c>grantNumber</c>.</summary>
internal sealed class WireNameParameterNameGenerator : IParameterNameGenerator
{
    public string Generate(OpenApiParameter parameter, IEnumerable<OpenApiParameter> allParameters)
    {
        var pascal = PascalCase.FromWireName(parameter.Name);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }
}
