using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using UsageSchema.CodeFixes;

namespace UsageSchema.Analyzers.Tests.Harness;

/// <summary>
/// Runs the USG1001 code fix with Roslyn's testing framework
/// (Microsoft.CodeAnalysis.CSharp.CodeFix.Testing): the fix is applied one diagnostic at a time
/// until none is left (<c>NumberOfIncrementalIterations</c>), then as Fix All in the document, the
/// project and the solution (<c>NumberOfFixAllIterations</c>), and each result must be
/// <c>FixedCode</c>. The fixed code's own diagnostics are part of it: every placeholder the fix
/// writes is marked <c>{|USG1002:default!|}</c>, and the code must compile without a warning.
/// </summary>
internal static class CSharpCodeFixVerifier
{
    public static DiagnosticResult Diagnostic(string id) => ConsumerProject.Diagnostic(id);

    /// <summary>Verifies the fix of <paramref name="source"/> into <paramref name="fixedSource"/>, the consumer's usings prepended to both.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test
        {
            TestCode = ConsumerProject.WithUsings(source),
            FixedCode = ConsumerProject.WithUsings(fixedSource),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The test, for iteration counts and what <see cref="VerifyCodeFixAsync"/> does not set. Every analyzer of the package runs.</summary>
    public sealed class Test : CSharpCodeFixTest<MissingRequiredFieldAnalyzer, AddMissingRequiredFieldsCodeFixProvider, DefaultVerifier>
    {
        public Test()
        {
            ConsumerProject.Configure(this);
            CodeActionEquivalenceKey = AddMissingRequiredFieldsCodeFixProvider.EquivalenceKey;
            // The fixed code must compile cleanly, not only without errors.
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
        }

        protected override CompilationOptions CreateCompilationOptions() => ConsumerProject.CompilationOptions(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() => ConsumerProject.ParseOptions(base.CreateParseOptions());

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ConsumerProject.Analyzers;
    }
}
