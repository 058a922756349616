using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace UsageSchema.Analyzers.Flow;

/// <summary>
/// Follows an object created into a local through the statements after its creation in the same
/// block, in straight-line order, until it escapes. This is deliberately a reading of the code
/// as written, not a data-flow analysis: it is exact for the common shape
/// <c>var r = new T(); r.A = ...; r.B = ...; Send(r);</c> and stays silent wherever it would
/// have to guess. Only an object its initializer leaves incomplete is followed; one instance
/// serves one operation block (a method body), so each block's statements are indexed once.
/// </summary>
internal sealed class ObjectTracker
{
    private static readonly HashSet<string> NoMembers = new(StringComparer.Ordinal);

    // Per statement list (a block or a switch section): where each local is referenced, in order,
    // in the statements from the first one an object was created in (those before cannot matter).
    private readonly Dictionary<IOperation, (int From, Dictionary<ILocalSymbol, List<Reference>> Index)> _indexes = new();

    /// <summary>
    /// The members set after <paramref name="creation"/> before the object escapes (or before the
    /// block ends); an empty set when the object escapes at once (an argument, a returned value, a
    /// stored value, a collection item); null when it is used where straight-line reading cannot
    /// follow it: inside a branch, loop or lambda, through a conditional access, or when the local
    /// is assigned again.
    /// </summary>
    public HashSet<string>? MembersSetAfterwards(IObjectCreationOperation creation, CancellationToken cancellationToken)
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
        if (!References(statement.Parent!, statements, index, cancellationToken).TryGetValue(local, out var references))
        {
            // Never used again: what the block leaves it with is what it has.
            return set;
        }

        var escapes = false;
        for (var r = 0; r < references.Count; r++)
        {
            var (i, reference) = (references[r].Statement, references[r].Operation);
            if (i <= index)
            {
                continue;
            }

            var next = statements[i];
            switch (Classify(reference, next, out var member))
            {
                case Use.Sets:
                    set.Add(member!);
                    break;
                case Use.Escapes when IsStraightLine(next):
                    escapes = true;
                    break;
                case Use.Escapes or Use.Unknown:
                    return null;
            }

            // The object escapes once the statement that lets it go has been read to its end.
            if (escapes && (r + 1 == references.Count || references[r + 1].Statement != i))
            {
                return set;
            }
        }

        // Never escapes: what the block leaves it with is what it has.
        return set;
    }

    /// <summary>
    /// For a statement list, every reference to each local in the statements from
    /// <paramref name="from"/> on, by statement index and in reading order: one walk of those
    /// statements' operations, shared by every object created in the list (objects come in source
    /// order, so the first one's statement is the lowest), so a block of n statements costs O(n),
    /// not O(n) per object.
    /// </summary>
    private Dictionary<ILocalSymbol, List<Reference>> References(IOperation container, ImmutableArray<IOperation> statements, int from, CancellationToken cancellationToken)
    {
        if (_indexes.TryGetValue(container, out var cached) && cached.From <= from)
        {
            return cached.Index;
        }

        var index = new Dictionary<ILocalSymbol, List<Reference>>(SymbolEqualityComparer.Default);
        for (var i = from; i < statements.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var operation in statements[i].Descendants())
            {
                if (operation is ILocalReferenceOperation reference)
                {
                    if (!index.TryGetValue(reference.Local, out var references))
                    {
                        index.Add(reference.Local, references = new List<Reference>());
                    }

                    references.Add(new Reference(i, reference));
                }
            }
        }

        _indexes[container] = (from, index);
        return index;
    }

    private enum Use
    {
        Reads,
        Sets,
        Escapes,
        Unknown,
    }

    private readonly record struct Reference(int Statement, ILocalReferenceOperation Operation);

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
