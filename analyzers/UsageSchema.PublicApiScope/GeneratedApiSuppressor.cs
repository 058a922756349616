using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace UsageSchema.PublicApiScope;

/// <summary>
/// Suppresses the public-API analyzer's "not declared" diagnostics for symbols declared only in
/// generated sources, so that <c>PublicAPI.*.txt</c> pins the hand-written API alone. The generated
/// surface is still pinned, by the snapshot tests of the generator and of the NSwag host, which
/// follow a spec edit when they are accepted; the PublicAPI files would instead fail the build
/// (warnings are errors) on every renamed route, header or parameter constant.
/// </summary>
/// <remarks>
/// "Generated" is a syntax tree whose first comments hold <c>&lt;auto-generated&gt;</c> (the
/// marker NSwag's files, the operations files and the source generator's files all start with,
/// and the one Roslyn itself reads as generated code), or one the analyzer configuration marks
/// <c>generated_code = true</c>. A symbol is left alone (reported) as soon as one of its
/// declarations is hand-written: a hand-written partial of a generated type is API the library
/// chose, not the spec.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratedApiSuppressor : DiagnosticSuppressor
{
    private const string Justification = "Declared only in generated code, which the specs drive and the snapshot tests pin.";

    /// <summary>RS0016: a public symbol is not in the declared API.</summary>
    internal static readonly SuppressionDescriptor NotDeclared = new("USPA0016", "RS0016", Justification);

    /// <summary>RS0036: a declared API line lacks the nullability annotations of the symbol.</summary>
    internal static readonly SuppressionDescriptor NullabilityNotDeclared = new("USPA0036", "RS0036", Justification);

    /// <summary>RS0041: a public symbol uses oblivious reference types.</summary>
    internal static readonly SuppressionDescriptor Oblivious = new("USPA0041", "RS0041", Justification);

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = [NotDeclared, NullabilityNotDeclared, Oblivious];

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var generated = new Dictionary<SyntaxTree, bool>();
        bool IsGenerated(SyntaxTree tree)
        {
            if (!generated.TryGetValue(tree, out var value))
            {
                value = GeneratedCode.IsGenerated(tree, context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree), context.CancellationToken);
                generated[tree] = value;
            }

            return value;
        }

        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var descriptor = DescriptorFor(diagnostic.Id);
            var tree = diagnostic.Location.SourceTree;
            if (descriptor is null || tree is null || !IsGenerated(tree))
            {
                continue;
            }

            var symbol = DeclaredSymbolAt(context.GetSemanticModel(tree), diagnostic.Location, context.CancellationToken);
            if (symbol is not null && symbol.DeclaringSyntaxReferences.All(reference => IsGenerated(reference.SyntaxTree)))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    private SuppressionDescriptor? DescriptorFor(string id)
    {
        foreach (var descriptor in SupportedSuppressions)
        {
            if (descriptor.SuppressedDiagnosticId == id)
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>The innermost symbol declared at the diagnostic's location (the analyzer reports at a declaration's name).</summary>
    private static ISymbol? DeclaredSymbolAt(SemanticModel model, Location location, CancellationToken cancellationToken)
    {
        var root = location.SourceTree!.GetRoot(cancellationToken);
        for (var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (model.GetDeclaredSymbol(node, cancellationToken) is { } symbol)
            {
                return symbol;
            }
        }

        return null;
    }
}
