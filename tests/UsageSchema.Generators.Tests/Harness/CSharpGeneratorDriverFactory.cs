using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace UsageSchema.Generators.Tests.Harness;

internal static class CSharpGeneratorDriverFactory
{
    public static GeneratorDriver WithoutSpecs() =>
        CSharpGeneratorDriver.Create([new SpecValidationGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions);
}
