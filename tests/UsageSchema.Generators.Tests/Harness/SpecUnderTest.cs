namespace UsageSchema.Generators.Tests.Harness;

/// <summary>A spec with the namespace the build assigns it, as in src/UsageSchema/UsageSchema.csproj.</summary>
internal sealed record SpecUnderTest(string Path, string Namespace)
{
    public static IReadOnlyList<SpecUnderTest> Real { get; } =
    [
        new(RepositoryPaths.Spec("amie-usage.v1.yaml"), "UsageSchema.Amie"),
        new(RepositoryPaths.Spec("access-gateway-attributes.v2.yaml"), "UsageSchema.GatewayAttributes"),
        new(RepositoryPaths.Spec("perseus-usage-reporting.yaml"), "UsageSchema.Perseus"),
    ];
}
