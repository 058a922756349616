using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using UsageSchema.Analyzers.Diagnostics;
using UsageSchema.Analyzers.Metadata;
using UsageSchema.Analyzers.Rules;

namespace UsageSchema.Analyzers;

/// <summary>
/// Reports an assignment to a member of a spec type, in an object initializer or anywhere else,
/// whose value the compiler knows and the spec forbids: a required field set to null, an empty
/// string or <c>default</c> (USG1002), or a constant that breaks the member's format, pattern,
/// length, range or enum (USG1003).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpecValueAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.RequiredFieldEmpty,
        DiagnosticDescriptors.ConstantBreaksSpec);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (SpecMetadata.For(start.Compilation) is { } metadata)
            {
                start.RegisterOperationAction(operation => Analyze(operation, metadata), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, SpecMetadata metadata)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } target)
        {
            return;
        }

        var value = assignment.Value;
        var unwrapped = Unwrap(value);
        // A constant converted to a nullable type (int to int?) is no longer a constant: its operand is.
        // Read once: a string constant's value is materialized on each read of ConstantValue.
        var direct = value.ConstantValue;
        var constant = IsStringEmpty(unwrapped) ? new Optional<object?>(string.Empty) : direct.HasValue ? direct : unwrapped.ConstantValue;
        var isDefault = unwrapped is IDefaultValueOperation;
        if (!constant.HasValue && !isDefault)
        {
            // Most assignments: a value the compiler does not know. Nothing to check, and no lookup.
            return;
        }

        if (metadata.Get(property.ContainingType) is not { } type || type.Find(property.Name) is not { } member)
        {
            return;
        }

        if (ConstantRules.EmptyRequiredValue(member, property.Type, constant, isDefault) is { } empty)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RequiredFieldEmpty, ValueLocation(assignment), TypeName(target, property), member.WireName, member.Member, empty));
            return;
        }

        if (!constant.HasValue || constant.Value is null)
        {
            return;
        }

        // One diagnostic per broken rule, each worded as Validate() reports it.
        foreach (var problem in ConstantRules.Broken(member, property.Type, constant.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConstantBreaksSpec, ValueLocation(assignment), TypeName(target, property), member.WireName, member.Member, problem));
        }
    }

    /// <summary>The value as written, null-forgiving operator included.</summary>
    private static Location ValueLocation(ISimpleAssignmentOperation assignment) =>
        (assignment.Syntax is AssignmentExpressionSyntax written ? written.Right : assignment.Value.Syntax).GetLocation();

    private static string TypeName(IPropertyReferenceOperation target, IPropertySymbol property) => (target.Instance?.Type ?? property.ContainingType).Name;

    /// <summary><c>string.Empty</c> is a field, not a constant, but it is as empty as <c>""</c>.</summary>
    private static bool IsStringEmpty(IOperation operation) =>
        operation is IFieldReferenceOperation { Field: { IsStatic: true, Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
