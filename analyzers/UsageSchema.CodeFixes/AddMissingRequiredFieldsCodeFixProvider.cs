using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using UsageSchema.Analyzers.Diagnostics;
using UsageSchema.Analyzers.Metadata;

namespace UsageSchema.CodeFixes;

/// <summary>
/// Fixes USG1001: adds every missing required member to the object initializer (creating one for
/// <c>new T()</c>), each with a placeholder that compiles but that the analyzers still report
/// (see <see cref="Placeholders"/>). Fix All handles every object of a document in one pass, so
/// nested objects (a record and its Attributes) are fixed together.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMissingRequiredFieldsCodeFixProvider)), Shared]
public sealed class AddMissingRequiredFieldsCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's equivalence key, shared by every fix of this provider.</summary>
    public const string EquivalenceKey = "UsageSchema.AddMissingRequiredFields";

    private const string Title = "Add missing required fields";

    private const int MaxSingleLineMembers = 2;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingRequiredField);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => diagnostics.IsEmpty ? document : await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindCreation(root, diagnostic) is not null && MissingMembers(diagnostic).Length > 0)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var metadata = SpecMetadata.TryCreate(model.Compilation);
        var additions = new Dictionary<BaseObjectCreationExpressionSyntax, List<ExpressionSyntax>>();
        foreach (var diagnostic in diagnostics)
        {
            if (FindCreation(root, diagnostic) is not { } creation
                || additions.ContainsKey(creation)
                || model.GetTypeInfo(creation, cancellationToken).Type is not { } type)
            {
                continue;
            }

            var assignments = new List<ExpressionSyntax>();
            foreach (var name in MissingMembers(diagnostic))
            {
                if (Placeholders.FindProperty(type, name) is { } property)
                {
                    assignments.Add(Placeholders.Assignment(name, Placeholders.For(property.Type, metadata, model, creation.SpanStart)));
                }
            }

            if (assignments.Count > 0)
            {
                additions.Add(creation, assignments);
            }
        }

        if (additions.Count == 0)
        {
            return document;
        }

        // ReplaceNodes rewrites inner objects first and hands the rewritten outer object over, so
        // the fixes of a record and of an object nested in its initializer combine.
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var newLine = text.ToString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
        var fixedRoot = root.ReplaceNodes(additions.Keys, (original, rewritten) => AddToInitializer(rewritten, additions[original], newLine, CanSpreadOverLines(original)));
        // The formatter writes the line ends the document already uses, whatever the machine's default.
        var fixedDocument = document.WithSyntaxRoot(fixedRoot);
        var options = (await fixedDocument.GetOptionsAsync(cancellationToken).ConfigureAwait(false))
            .WithChangedOption(FormattingOptions.NewLine, newLine.ToFullString());
        return await Formatter.FormatAsync(fixedDocument, Formatter.Annotation, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <paramref name="assignments"/> at the end of the object initializer, creating one if
    /// there is none. Up to <see cref="MaxSingleLineMembers"/> members stay on one line; more are
    /// laid out one per line, and an initializer already written over several lines keeps its layout.
    /// </summary>
    private static BaseObjectCreationExpressionSyntax AddToInitializer(BaseObjectCreationExpressionSyntax creation, List<ExpressionSyntax> assignments, SyntaxTrivia newLine, bool canSpread)
    {
        var initializer = creation.Initializer;
        var existing = initializer?.Expressions ?? default;
        var wasMultiLine = initializer is not null && IsMultiLine(initializer);
        var multiLine = wasMultiLine || (canSpread && existing.Count + assignments.Count > MaxSingleLineMembers);

        var items = new List<SyntaxNodeOrToken>();
        if (initializer is not null)
        {
            foreach (var item in existing.GetWithSeparators())
            {
                items.Add(multiLine && !wasMultiLine ? WithoutWhitespace(item) : item);
            }
        }

        foreach (var assignment in assignments)
        {
            if (items.Count > 0 && items[items.Count - 1].IsNode)
            {
                // The comma goes between the node and what trailed it (a comment, the line end).
                var last = items[items.Count - 1].AsNode()!;
                items[items.Count - 1] = last.WithoutTrailingTrivia();
                items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()));
            }

            items.Add(assignment.WithAdditionalAnnotations(Formatter.Annotation));
        }

        var openBrace = initializer?.OpenBraceToken ?? SyntaxFactory.Token(SyntaxKind.OpenBraceToken);
        var closeBrace = initializer?.CloseBraceToken ?? SyntaxFactory.Token(SyntaxKind.CloseBraceToken);
        if (multiLine)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].IsToken && !EndsLine(items[i]))
                {
                    items[i] = items[i].AsToken().WithTrailingTrivia(items[i].GetTrailingTrivia().Add(newLine));
                }
            }

            if (!EndsLine(items[items.Count - 1]) && !closeBrace.LeadingTrivia.Any(SyntaxKind.EndOfLineTrivia))
            {
                items[items.Count - 1] = items[items.Count - 1].AsNode()!.WithTrailingTrivia(items[items.Count - 1].GetTrailingTrivia().Add(newLine));
            }

            if (!wasMultiLine)
            {
                openBrace = openBrace.WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(newLine);
                closeBrace = closeBrace.WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(initializer?.CloseBraceToken.TrailingTrivia ?? default);
            }
        }

        var newInitializer = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, openBrace, SyntaxFactory.SeparatedList<ExpressionSyntax>(items), closeBrace)
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (initializer is not null)
        {
            return creation.WithInitializer(newInitializer.WithTriviaFrom(initializer));
        }

        return creation switch
        {
            // new T() { ... } reads as new T { ... }.
            ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } explicitCreation => explicitCreation
                .WithType(explicitCreation.Type.WithTrailingTrivia(explicitCreation.ArgumentList.GetTrailingTrivia()))
                .WithArgumentList(null)
                .WithInitializer(newInitializer),
            _ => creation.WithInitializer(newInitializer),
        };
    }

    /// <summary>
    /// Whether the object can be laid out over several lines: it is the value of a statement (a
    /// declaration, an assignment, a return, an expression body, a call's argument), where the
    /// formatter indents the new lines. Nested in a larger expression it stays on one line.
    /// </summary>
    private static bool CanSpreadOverLines(SyntaxNode creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax => true,
        AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } => true,
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } } } => true,
        _ => false,
    };

    private static bool IsMultiLine(InitializerExpressionSyntax initializer) =>
        initializer.OpenBraceToken.GetLocation().GetLineSpan().StartLinePosition.Line != initializer.CloseBraceToken.GetLocation().GetLineSpan().StartLinePosition.Line;

    private static bool EndsLine(SyntaxNodeOrToken item) => item.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);

    private static SyntaxNodeOrToken WithoutWhitespace(SyntaxNodeOrToken item)
    {
        static SyntaxTriviaList Trim(SyntaxTriviaList trivia) =>
            SyntaxFactory.TriviaList(trivia.Where(piece => !piece.IsKind(SyntaxKind.WhitespaceTrivia) && !piece.IsKind(SyntaxKind.EndOfLineTrivia)));

        return item.IsNode
            ? item.AsNode()!.WithLeadingTrivia(Trim(item.GetLeadingTrivia())).WithTrailingTrivia(Trim(item.GetTrailingTrivia()))
            : item.AsToken().WithLeadingTrivia(Trim(item.GetLeadingTrivia())).WithTrailingTrivia(Trim(item.GetTrailingTrivia()));
    }

    private static BaseObjectCreationExpressionSyntax? FindCreation(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault();
    }

    private static string[] MissingMembers(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticDescriptors.MissingMembersProperty, out var members) && !string.IsNullOrEmpty(members)
            ? members!.Split(',')
            : Array.Empty<string>();
}
