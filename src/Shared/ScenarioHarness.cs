using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers.Shared
{
    /// <summary>
    /// One way to turn a scenario's source into something to run or to analyse, shared by the demo and the runtime tests
    /// (linked source): compile it into a collectible load context, or open it as the single document of a workspace.
    /// </summary>
    internal static class ScenarioHarness
    {
        /// <summary>
        /// Compiles <paramref name="source"/> (C# preview) and loads it into a new collectible context, which the caller
        /// unloads. Throws with the compiler's errors when it does not compile.
        /// </summary>
        public static (AssemblyLoadContext Context, Assembly Assembly) CompileAndLoad(
            string source, string name, IEnumerable<MetadataReference> references, OptimizationLevel optimization)
        {
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
                throw new InvalidOperationException($"{name} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
            }

            image.Position = 0;
            var context = new AssemblyLoadContext(name, isCollectible: true);
            return (context, context.LoadFromStream(image));
        }

        /// <summary>A new workspace whose one project (a library, C# preview) holds <paramref name="source"/> as its one document.</summary>
        public static Document CreateDocument(string source, IEnumerable<MetadataReference> references, NullableContextOptions nullable = NullableContextOptions.Disable)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Default,
                    "Scenario",
                    "Scenario",
                    LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
                    metadataReferences: references))
                .AddDocument(DocumentId.CreateNewId(projectId), "Scenario.cs", SourceText.From(source));
            return solution.Projects.Single().Documents.Single();
        }
    }
}
