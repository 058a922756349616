using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace UsageSchema.Analyzers.Tests.Harness;

/// <summary>
/// Runs the package's analyzers over consumer code with Roslyn's testing framework
/// (Microsoft.CodeAnalysis.CSharp.Analyzer.Testing). Diagnostics are located by markup:
/// <c>{|USG1001:ComputeUsageRecord|}</c>, or <c>{|#0:...|}</c> with
/// <c>Diagnostic("USG1001").WithLocation(0).WithMessage(...)</c> when the message is checked too.
/// Besides the expected diagnostics, the framework checks that none is reported once the file is
/// marked generated or the IDs are suppressed with <c>#pragma</c>, and that the code compiles.
/// </summary>
internal static class CSharpAnalyzerVerifier
{
    public static DiagnosticResult Diagnostic(string id) => ConsumerProject.Diagnostic(id);

    /// <summary>Verifies that <paramref name="source"/> (the consumer's usings prepended) yields exactly its markup and <paramref name="expected"/>.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = ConsumerProject.WithUsings(source) };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The test, for what <see cref="VerifyAnalyzerAsync"/> does not set (the output kind, the
    /// references). The type argument only satisfies the base class: every analyzer of the package runs.
    /// </summary>
    public sealed class Test : CSharpAnalyzerTest<MissingRequiredFieldAnalyzer, DefaultVerifier>
    {
        public Test(bool referenceUsageSchema = true) => ConsumerProject.Configure(this, referenceUsageSchema);

        protected override CompilationOptions CreateCompilationOptions() => ConsumerProject.CompilationOptions(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() => ConsumerProject.ParseOptions(base.CreateParseOptions());

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ConsumerProject.Analyzers;
    }
}
