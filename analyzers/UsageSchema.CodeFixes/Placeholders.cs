using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using UsageSchema.Analyzers.Metadata;

namespace UsageSchema.CodeFixes;

/// <summary>
/// The values the fix writes for members it adds. They compile, and they are never a value the
/// spec accepts, so none can ship unnoticed: <c>default!</c> for a reference type (null: USG1002
/// at compile time, "is required but missing" from Validate()), <c>default</c> for a value type
/// (USG1002: a default cannot be told from missing), and for a member whose type is itself a spec
/// type, a new object of it with its own required members as placeholders.
/// </summary>
/// <remarks>
/// Not <c>""</c> (USG1002 too, but reads as deliberate) and not <c>"TODO"</c>: most required
/// strings (Username, LocalProjectID) accept any non-empty text, so a forgotten "TODO" would pass
/// the analyzers and Validate() and reach the service.
/// </remarks>
internal static class Placeholders
{
    private const int MaxNesting = 2;

    public static ExpressionSyntax For(ITypeSymbol type, SpecMetadata? metadata, SemanticModel model, int position, int depth = 0)
    {
        if (depth < MaxNesting && metadata?.Get(type) is { } spec && CanCreate(type, model, position))
        {
            var assignments = new List<ExpressionSyntax>();
            foreach (var member in spec.Required)
            {
                if (FindProperty(type, member.Member) is { } property)
                {
                    assignments.Add(Assignment(member.Member, For(property.Type, metadata, model, position, depth + 1)));
                }
            }

            var creation = SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, position)));
            return assignments.Count == 0
                ? creation.WithArgumentList(SyntaxFactory.ArgumentList())
                : creation.WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(assignments)));
        }

        var defaultLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
        return type.IsValueType
            ? defaultLiteral
            : SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, defaultLiteral);
    }

    public static AssignmentExpressionSyntax Assignment(string member, ExpressionSyntax value) =>
        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(member), value);

    public static IPropertySymbol? FindProperty(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var symbol in current.GetMembers(name))
            {
                if (symbol is IPropertySymbol property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    private static bool CanCreate(ITypeSymbol type, SemanticModel model, int position) =>
        type is INamedTypeSymbol { IsAbstract: false, TypeKind: TypeKind.Class } named
        && named.InstanceConstructors.Any(constructor => constructor.Parameters.Length == 0 && model.IsAccessible(position, constructor));
}
