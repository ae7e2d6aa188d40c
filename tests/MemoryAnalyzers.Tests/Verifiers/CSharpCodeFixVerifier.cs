using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MemoryAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Runs an analyzer (and optionally its fixer) the way every rule test does: against the .NET 8
    /// reference assemblies, with diagnostics given as markup in the source.
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(diagnosticId);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => VerifyAnalyzerAsync(source, LanguageVersion.Preview, expected);

        public static async Task VerifyAnalyzerAsync(string source, LanguageVersion languageVersion, params DiagnosticResult[] expected)
        {
            var test = new Test(languageVersion) { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>Top-level statements need an executable project.</summary>
        public static async Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test(LanguageVersion.Preview) { TestCode = source };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None);
        }

        public static Task VerifyCodeFixAsync(string source, string fixedSource)
            => VerifyCodeFixAsync(source, fixedSource, LanguageVersion.Preview);

        public static async Task VerifyCodeFixAsync(string source, string fixedSource, LanguageVersion languageVersion, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var test = new Test(languageVersion) { TestCode = source, FixedCode = fixedSource };
            test.TestState.OutputKind = outputKind;
            test.FixedState.OutputKind = outputKind;
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>Fixing one diagnostic at a time and Fix All may order independent edits differently.</summary>
        public static async Task VerifyCodeFixAsync(string source, string fixedOneByOne, string fixedAllAtOnce)
        {
            var test = new Test(LanguageVersion.Preview) { TestCode = source, FixedCode = fixedOneByOne, BatchFixedCode = fixedAllAtOnce };
            await test.RunAsync(CancellationToken.None);
        }

        /// <summary>The fix is offered nowhere: the fixed code equals the input, diagnostics included.</summary>
        public static Task VerifyNoCodeFixAsync(string source)
            => VerifyCodeFixAsync(source, source);

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            private readonly LanguageVersion _languageVersion;

            public Test(LanguageVersion languageVersion)
            {
                _languageVersion = languageVersion;
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
            }

            protected override ParseOptions CreateParseOptions()
                => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(_languageVersion);
        }
    }
}
