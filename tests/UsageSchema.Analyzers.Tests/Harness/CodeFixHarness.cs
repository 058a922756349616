using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using UsageSchema.CodeFixes;

namespace UsageSchema.Analyzers.Tests.Harness;

/// <summary>Runs the code fix in an <see cref="AdhocWorkspace"/>, one diagnostic at a time or as Fix All.</summary>
internal static class CodeFixHarness
{
    public static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Consumer",
                "Consumer",
                LanguageNames.CSharp,
                compilationOptions: AnalyzerHarness.Compile().Options,
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: AnalyzerHarness.References))
            .AddDocument(DocumentId.CreateNewId(projectId), "Consumer.cs", SourceText.From(source));
        return solution.Projects.Single().Documents.Single();
    }

    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, string? id = null)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        AnalyzerHarness.AssertCompiles(compilation);
        var diagnostics = await compilation.WithAnalyzers(AnalyzerHarness.Analyzers).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(diagnostic => id is null || diagnostic.Id == id).OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)];
    }

    /// <summary>Applies the fix offered for the diagnostic at <paramref name="index"/> (in source order) and returns the new text.</summary>
    public static async Task<string> ApplyFixAsync(string source, int index = 0)
    {
        var document = CreateDocument(source);
        var diagnostic = (await DiagnosticsAsync(document, "USG1001"))[index];
        var actions = new List<CodeAction>();
        var provider = new AddMissingRequiredFieldsCodeFixProvider();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = Assert.Single(actions);
        Assert.Equal(AddMissingRequiredFieldsCodeFixProvider.EquivalenceKey, action.EquivalenceKey);
        return await ApplyAsync(document, action);
    }

    /// <summary>Applies Fix All for USG1001 in the document.</summary>
    public static async Task<string> FixAllAsync(string source)
    {
        var document = CreateDocument(source);
        var diagnostics = await DiagnosticsAsync(document, "USG1001");
        var provider = new AddMissingRequiredFieldsCodeFixProvider();
        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            AddMissingRequiredFieldsCodeFixProvider.EquivalenceKey,
            ["USG1001"],
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        var action = await provider.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(document, action);
    }

    private static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        var changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == document.FilePath || document.FilePath is null));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
