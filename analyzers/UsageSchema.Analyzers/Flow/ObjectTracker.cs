using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace UsageSchema.Analyzers.Flow;

/// <summary>
/// Follows an object created into a local through the statements after its creation in the same
/// block, in straight-line order, until it escapes. This is deliberately a reading of the code
/// as written, not a data-flow analysis: it is exact for the common shape
/// <c>var r = new T(); r.A = ...; r.B = ...; Send(r);</c> and stays silent wherever it would
/// have to guess.
/// </summary>
internal static class ObjectTracker
{
    private static readonly HashSet<string> NoMembers = new(StringComparer.Ordinal);

    // Keyed by the block's operation, which every creation in the block shares; dropped with it.
    private static readonly ConditionalWeakTable<IOperation, Dictionary<string, List<int>>> MentionIndexes = new();

    /// <summary>
    /// The members set after <paramref name="creation"/> before the object escapes (or before the
    /// block ends); an empty set when the object escapes at once (an argument, a returned value, a
    /// stored value, a collection item); null when it is used where straight-line reading cannot
    /// follow it: inside a branch, loop or lambda, through a conditional access, or when the local
    /// is assigned again.
    /// </summary>
    public static HashSet<string>? MembersSetAfterwards(IObjectCreationOperation creation, CancellationToken cancellationToken)
    {
        if (!TryFindLocal(creation, out var local, out var statement))
        {
            return NoMembers;
        }

        if (!TryGetFollowingStatements(statement, out var statements, out var index))
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        if (!MentionIndex(statement.Parent!, statements).TryGetValue(local.Name, out var mentioning))
        {
            // Never used again: what the block leaves it with is what it has.
            return set;
        }

        foreach (var i in mentioning)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i <= index)
            {
                continue;
            }

            var next = statements[i];
            var straight = IsStraightLine(next);
            var escapes = false;
            foreach (var reference in next.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var use = Classify(reference, next, out var member);
                switch (use)
                {
                    case Use.Sets:
                        set.Add(member!);
                        break;
                    case Use.Escapes when straight:
                        escapes = true;
                        break;
                    case Use.Escapes or Use.Unknown:
                        return null;
                }
            }

            if (escapes)
            {
                return set;
            }
        }

        // Never escapes: what the block leaves it with is what it has.
        return set;
    }

    private enum Use
    {
        Reads,
        Sets,
        Escapes,
        Unknown,
    }

    /// <summary>The local the new object is put in, directly, and the statement that does it.</summary>
    private static bool TryFindLocal(IObjectCreationOperation creation, out ILocalSymbol local, out IOperation statement)
    {
        local = null!;
        statement = null!;
        IOperation value = creation;
        var parent = creation.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            value = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            // var r = new T { ... };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                when declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation group }:
                local = declarator.Symbol;
                statement = group;
                return true;

            // r = new T { ... };
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Parent: IExpressionStatementOperation expression } assignment
                when assignment.Value == value:
                local = target.Local;
                statement = expression;
                return true;

            default:
                return false;
        }
    }

    private static bool TryGetFollowingStatements(IOperation statement, out ImmutableArray<IOperation> statements, out int index)
    {
        statements = statement.Parent switch
        {
            IBlockOperation block => block.Operations,
            ISwitchCaseOperation switchCase => switchCase.Body,
            _ => default,
        };
        index = statements.IsDefault ? -1 : statements.IndexOf(statement);
        return index >= 0;
    }

    /// <summary>
    /// For a block's statements, which statements (by index, ascending) mention each identifier:
    /// a syntactic filter before walking a statement's operations. Built once per block and shared
    /// by every object created in it, so a block of n statements costs O(n), not O(n) per object.
    /// </summary>
    private static Dictionary<string, List<int>> MentionIndex(IOperation container, ImmutableArray<IOperation> statements) =>
        MentionIndexes.GetValue(container, _ =>
        {
            var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < statements.Length; i++)
            {
                foreach (var token in statements[i].Syntax.DescendantTokens())
                {
                    if (!token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        continue;
                    }

                    if (!index.TryGetValue(token.ValueText, out var mentioning))
                    {
                        index.Add(token.ValueText, mentioning = new List<int>());
                    }

                    if (mentioning.Count == 0 || mentioning[mentioning.Count - 1] != i)
                    {
                        mentioning.Add(i);
                    }
                }
            }

            return index;
        });

    /// <summary>A statement whose uses of the object all happen, in order, whenever it runs.</summary>
    private static bool IsStraightLine(IOperation statement) =>
        statement is IExpressionStatementOperation or IVariableDeclarationGroupOperation or IReturnOperation or IThrowOperation;

    private static Use Classify(ILocalReferenceOperation reference, IOperation statement, out string? member)
    {
        member = null;
        for (var ancestor = reference.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ancestor is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                // Runs later, or never, or many times.
                return Use.Unknown;
            }

            if (ancestor == statement)
            {
                break;
            }
        }

        var parent = reference.Parent;
        switch (parent)
        {
            case IPropertyReferenceOperation property when property.Instance == reference:
                if (WorksOn(property))
                {
                    member = property.Property.Name;
                    return Use.Sets;
                }

                return Use.Reads;

            case IMemberReferenceOperation field when field.Instance == reference && parent is not IMethodReferenceOperation:
                return Use.Reads;

            case IAssignmentOperation assignment when assignment.Target == reference:
                return Use.Unknown;

            case IConditionalAccessOperation access when access.Operation == reference:
                return Use.Unknown;

            case IIsPatternOperation or IIsTypeOperation or INameOfOperation:
                return Use.Reads;

            case IBinaryOperation binary when binary.LeftOperand.ConstantValue is { HasValue: true, Value: null } || binary.RightOperand.ConstantValue is { HasValue: true, Value: null }:
                return Use.Reads;

            default:
                // An argument, a returned or stored value, a collection item, an instance call on it.
                return Use.Escapes;
        }
    }

    /// <summary>
    /// Whether <c>r.Member</c> is assigned (<c>r.A = x</c>, <c>r.A ??= x</c>, <c>r.N++</c>) or worked
    /// on (<c>r.Records.Add(x)</c>, <c>r.Attributes.NodeCount = 1</c>, <c>Fill(r.Attributes)</c>):
    /// either way the member is being set.
    /// </summary>
    private static bool WorksOn(IPropertyReferenceOperation property)
    {
        IOperation current = property;
        var parent = property.Parent;
        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == current:
            case IIncrementOrDecrementOperation:
            case IMemberReferenceOperation member when member.Instance == current:
            case IInvocationOperation invocation when invocation.Instance == current:
                return true;
        }

        // Handed to a call that can work on it: r.Records.AddRange(items), Fill(r.Attributes). A
        // string or a value passed to a call is only read: Log(r.Username) does not set it.
        while (parent is IConversionOperation { IsImplicit: true })
        {
            current = parent;
            parent = parent.Parent;
        }

        return parent is IArgumentOperation
            && property.Type is { IsReferenceType: true, SpecialType: not SpecialType.System_String };
    }
}
