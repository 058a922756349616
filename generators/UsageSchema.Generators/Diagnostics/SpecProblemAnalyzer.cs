using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using UsageSchema.Generators.Pipeline;
using UsageSchema.Generators.Spec;

namespace UsageSchema.Generators.Diagnostics;

/// <summary>
/// Reports the spec facts the generator cannot honour, on the spec file itself: an unreadable
/// spec, an upsert key or a cross-field rule naming what the schema does not have, and a schema
/// member that no generated C# member carries. The generator only skips what it cannot honour;
/// the diagnostics come from here (the model codebases' rule: diagnostics from analyzers).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpecProblemAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnreadableSpec,
        DiagnosticDescriptors.UnknownUpsertKeyMember,
        DiagnosticDescriptors.UnsupportedRule,
        DiagnosticDescriptors.UnmatchedMember);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        foreach (var file in context.Options.AdditionalFiles)
        {
            var spec = SpecFileReader.Read(file, context.Options.AnalyzerConfigOptionsProvider.GetOptions(file), context.CancellationToken);
            if (spec is null)
            {
                continue;
            }

            // The generator has parsed this text already in this compilation: the same model, not a second parse.
            var model = SpecModelCache.GetOrParse(spec, context.CancellationToken);
            var text = file.GetText(context.CancellationToken);
            foreach (var problem in model.Problems)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForId(problem.DiagnosticId), At(file.Path, text, problem.Line, problem.Column), problem.Message));
            }

            foreach (var schema in model.Schemas)
            {
                var type = context.Compilation.GetTypeByMetadataName(model.Namespace + "." + schema.Name);
                if (type is null || !ClassModelFactory.IsSchemaType(type))
                {
                    continue;
                }

                var wireNames = type.GetMembers().OfType<IPropertySymbol>()
                    .SelectMany(property => property.GetAttributes())
                    .Where(attribute => attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute" && attribute.ConstructorArguments.Length == 1)
                    .Select(attribute => attribute.ConstructorArguments[0].Value as string)
                    .ToImmutableHashSet();
                foreach (var member in schema.Members.Where(member => !wireNames.Contains(member.WireName)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnmatchedMember, At(file.Path, text, schema.Line, schema.Column), member.WireName, schema.Name, type.ToDisplayString()));
                }
            }
        }
    }

    private static Location At(string path, SourceText? text, int line, int column)
    {
        var position = new LinePosition(System.Math.Max(0, line - 1), System.Math.Max(0, column - 1));
        var span = text is not null && position.Line < text.Lines.Count
            ? new TextSpan(text.Lines[position.Line].Start + System.Math.Min(position.Character, text.Lines[position.Line].Span.Length), 0)
            : default;
        return Location.Create(path, span, new LinePositionSpan(position, position));
    }
}
