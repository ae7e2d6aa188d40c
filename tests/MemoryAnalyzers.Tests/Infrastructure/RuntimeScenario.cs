using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
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
            var compilation = CSharpCompilation.Create(
                typeName + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)) },
                References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            stream.Position = 0;
            var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
            return context.LoadFromStream(stream).GetType(typeName)!.GetMethod("Run")!;
        }

        public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, DiagnosticAnalyzer analyzer)
        {
            using var workspace = new AdhocWorkspace();
            return await DiagnosticsAsync(CreateDocument(workspace, source), analyzer);
        }

        /// <summary>The text after the only fix offered for the only diagnostic.</summary>
        public static async Task<string> ApplyFixAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
        {
            using var workspace = new AdhocWorkspace();
            var document = CreateDocument(workspace, source);
            var diagnostic = Assert.Single(await DiagnosticsAsync(document, analyzer));
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context);
            var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            return (await changed.GetTextAsync()).ToString();
        }

        private static Document CreateDocument(AdhocWorkspace workspace, string source)
            => workspace.AddProject("Scenario", LanguageNames.CSharp)
                .WithMetadataReferences(References())
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                .WithParseOptions(new CSharpParseOptions(LanguageVersion.Preview))
                .AddDocument("Scenario.cs", source);

        private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer)
            => await (await document.Project.GetCompilationAsync())!
                .WithAnalyzers(ImmutableArray.Create(analyzer))
                .GetAnalyzerDiagnosticsAsync();
    }
}
