using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace MemoryAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// For runtime tests: compiles one source file in-process against the .NET 8 reference assemblies and loads a static
    /// method from it, runs one analyzer over it, and applies the single fix a fixer offers for its single diagnostic.
    /// </summary>
    public static class RuntimeScenario
    {
        public static ImmutableArray<MetadataReference> References()
            => ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>Compiles <paramref name="source"/> into a collectible context and returns <c><paramref name="typeName"/>.Run</c>.</summary>
        public static MethodInfo LoadRun(string source, string typeName)
        {
            var (_, assembly) = ScenarioHarness.CompileAndLoad(source, typeName + Guid.NewGuid().ToString("N"), References(), OptimizationLevel.Debug);
            return assembly.GetType(typeName)!.GetMethod("Run")!;
        }

        public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, DiagnosticAnalyzer analyzer)
            => await DiagnosticsAsync(CreateDocument(source), analyzer);

        /// <summary>The text after the only fix offered for the only diagnostic.</summary>
        public static async Task<string> ApplyFixAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
        {
            var document = CreateDocument(source);
            var diagnostic = Assert.Single(await DiagnosticsAsync(document, analyzer));
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context);
            var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            return (await changed.GetTextAsync()).ToString();
        }

        private static Document CreateDocument(string source) => ScenarioHarness.CreateDocument(source, References(), NullableContextOptions.Disable);

        private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer)
            => await (await document.Project.GetCompilationAsync())!
                .WithAnalyzers(ImmutableArray.Create(analyzer))
                .GetAnalyzerDiagnosticsAsync();
    }
}
