using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MemoryAnalyzers.Tests.Infrastructure
{
    /// <summary>Every analyzer the package ships, found by reflection, and a way to run them all over source files.</summary>
    public static class AnalyzerCatalog
    {
        public static ImmutableArray<DiagnosticAnalyzer> All => ShippedAnalyzers.All;

        public static IEnumerable<DiagnosticDescriptor> Descriptors => All.SelectMany(analyzer => analyzer.SupportedDiagnostics);

        /// <summary>The repository root, found from the test's output folder.</summary>
        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MemoryAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("MemoryAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }

        private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> s_net80 = new(
            () => ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

        /// <summary>Compiles the sources against the .NET 8 reference assemblies.</summary>
        public static async Task<CSharpCompilation> CompileAsync(IEnumerable<(string Path, string Text)> sources, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
            var trees = sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Path)).ToList();
            return CSharpCompilation.Create(
                "Analyzed",
                trees,
                await s_net80.Value.ConfigureAwait(false),
                new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
        }

        /// <summary>Runs every analyzer; an analyzer that throws fails the call with its exception.</summary>
        public static async Task<ImmutableArray<Diagnostic>> RunAllAsync(Compilation compilation)
        {
            var exceptions = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            var withAnalyzers = compilation.WithAnalyzers(All, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue(new InvalidOperationException(analyzer.GetType().Name + " threw", exception)),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            if (!exceptions.IsEmpty)
            {
                throw new AggregateException(exceptions);
            }

            return diagnostics;
        }
    }
}
