using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using UsageSchema.Analyzers.Diagnostics;
using UsageSchema.Analyzers.Flow;
using UsageSchema.Analyzers.Metadata;

namespace UsageSchema.Analyzers;

/// <summary>
/// Reports an object of a spec type that is built without every member of the schema's required
/// set (USG1001), once per object, listing every missing field by wire name and C# name. A member
/// counts as set when the object initializer sets it, or when a statement that follows the
/// creation in the same block assigns it (or works on it, as in <c>r.Records.Add(x)</c>) before
/// the object escapes: passed to a call, returned, stored or added to a collection. Only an object
/// its initializer leaves incomplete is followed, at the end of its operation block.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingRequiredFieldAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingRequiredField);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (SpecMetadata.For(start.Compilation) is not { } metadata)
            {
                return;
            }

            // Per operation block (a method body, an initializer): the objects their initializer
            // leaves incomplete are collected as the block's creations are visited, and followed
            // through the block's statements at its end, with one index of the block for all of them.
            start.RegisterOperationBlockStartAction(block =>
            {
                var pending = new Pending();
                block.RegisterOperationAction(operation => Collect(operation, metadata, pending), OperationKind.ObjectCreation);
                block.RegisterOperationBlockEndAction(end => Follow(end, pending));
            });
        });
    }

    private static void Collect(OperationAnalysisContext context, SpecMetadata metadata, Pending pending)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (metadata.Get(creation.Type) is not { Unenforced.Length: > 0 } type)
        {
            return;
        }

        // The common case, every required member in the initializer, is decided without allocating.
        if (!InitializerSetsAll(creation, type))
        {
            pending.Add(creation, type);
        }
    }

    private static void Follow(OperationBlockAnalysisContext context, Pending pending)
    {
        if (pending.Take() is not { } creations)
        {
            return;
        }

        var tracker = new ObjectTracker();
        foreach (var (creation, type) in creations)
        {
            Analyze(context, creation, type, tracker);
        }
    }

    private static void Analyze(OperationBlockAnalysisContext context, IObjectCreationOperation creation, SpecType type, ObjectTracker tracker)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        InitializedMembers(creation, set);
        if (tracker.MembersSetAfterwards(creation, context.CancellationToken) is not { } later)
        {
            // Used where straight-line reading cannot follow it (a branch, a loop, a lambda): not reported.
            return;
        }

        set.UnionWith(later);
        var missing = Missing(type, set);
        if (missing.Count == 0)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(
            DiagnosticDescriptors.MissingMembersProperty,
            string.Join(",", missing.Select(member => member.Member)));
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingRequiredField,
            TypeNameLocation(creation.Syntax),
            properties,
            creation.Type!.Name,
            missing.Count == 1 ? "field" : "fields",
            string.Join(", ", missing.Select(member => member.Display))));
    }

    /// <summary>Whether the object initializer sets every required member (the C# <c>required</c> ones aside); no allocation.</summary>
    private static bool InitializerSetsAll(IObjectCreationOperation creation, SpecType type)
    {
        var initializers = creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty;
        if (initializers.Length < type.Unenforced.Length)
        {
            // Each initializer sets one member: fewer than the required ones cannot set them all.
            return false;
        }

        foreach (var member in type.Unenforced)
        {
            if (!Initializes(initializers, member.Member))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Initializes(ImmutableArray<IOperation> initializers, string name)
    {
        foreach (var initializer in initializers)
        {
            if (InitializedProperty(initializer) is { } property && string.Equals(property.Property.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IPropertyReferenceOperation? InitializedProperty(IOperation initializer) => initializer switch
    {
        IAssignmentOperation assignment => assignment.Target as IPropertyReferenceOperation,
        IMemberInitializerOperation member => member.InitializedMember as IPropertyReferenceOperation,
        _ => null,
    };

    /// <summary>The members an object initializer sets, directly or through a nested initializer (<c>Attributes = { NodeCount = 1 }</c>).</summary>
    private static void InitializedMembers(IObjectCreationOperation creation, HashSet<string> set)
    {
        if (creation.Initializer is null)
        {
            return;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (InitializedProperty(initializer) is { } property)
            {
                set.Add(property.Property.Name);
            }
        }
    }

    private static List<Metadata.SpecMember> Missing(SpecType type, HashSet<string> set)
    {
        var missing = new List<Metadata.SpecMember>();
        foreach (var member in type.Unenforced)
        {
            if (!set.Contains(member.Member))
            {
                missing.Add(member);
            }
        }

        return missing;
    }

    /// <summary>The type name of <c>new T(...)</c>; for a target-typed <c>new(...)</c>, which has none, the <c>new(...)</c> itself.</summary>
    private static Location TypeNameLocation(SyntaxNode syntax) => syntax switch
    {
        ObjectCreationExpressionSyntax explicitCreation => explicitCreation.Type.GetLocation(),
        ImplicitObjectCreationExpressionSyntax implicitCreation => Location.Create(
            implicitCreation.SyntaxTree,
            TextSpan.FromBounds(implicitCreation.NewKeyword.SpanStart, implicitCreation.ArgumentList.Span.End)),
        _ => syntax.GetLocation(),
    };

    /// <summary>The incomplete objects of one operation block, in the order they were visited.</summary>
    private sealed class Pending
    {
        private readonly object _gate = new();
        private List<(IObjectCreationOperation Creation, SpecType Type)>? _creations;

        public void Add(IObjectCreationOperation creation, SpecType type)
        {
            // The driver runs one block's actions in sequence; the lock costs nothing and assumes nothing.
            lock (_gate)
            {
                (_creations ??= new()).Add((creation, type));
            }
        }

        public List<(IObjectCreationOperation Creation, SpecType Type)>? Take()
        {
            lock (_gate)
            {
                var creations = _creations;
                _creations = null;
                return creations;
            }
        }
    }
}
