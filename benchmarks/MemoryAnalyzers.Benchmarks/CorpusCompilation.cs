using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>Parsed code and references, from which each measurement builds a fresh compilation (compilations cache their work).</summary>
    public sealed class CorpusCompilation
    {
        public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers => ShippedAnalyzers.All;

        private readonly ImmutableArray<SyntaxTree> _trees;

        public CorpusCompilation(IEnumerable<(string Path, string Text)> sources)
        {
            var options = new CSharpParseOptions(LanguageVersion.Preview);
            _trees = sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, options, source.Path)).ToImmutableArray();
            LineCount = _trees.Sum(tree => tree.GetText().Lines.Count);
        }

        public int LineCount { get; }

        public CSharpCompilation NewCompilation() => CSharpCompilation.Create(
            "Corpus",
            _trees,
            RuntimeReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));

        /// <summary>What the compiler does without analyzers: bind every method body and report its diagnostics.</summary>
        public ImmutableArray<Diagnostic> Compile() => NewCompilation().GetDiagnostics();

        /// <param name="bindFirst">
        /// Bind every body before the analyzers run, as a build does: otherwise the binding the analyzers' first questions
        /// trigger is charged to them in the telemetry, though the compiler does that work anyway.
        /// </param>
        public CompilationWithAnalyzers WithAnalyzers(ImmutableArray<DiagnosticAnalyzer> analyzers, bool logExecutionTime, bool bindFirst = false)
        {
            var compilation = NewCompilation();
            if (bindFirst)
            {
                compilation.GetDiagnostics();
            }

            return compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: logExecutionTime,
                reportSuppressedDiagnostics: false));
        }

        public ImmutableArray<Diagnostic> CompileAndAnalyze(ImmutableArray<DiagnosticAnalyzer> analyzers)
            => WithAnalyzers(analyzers, logExecutionTime: false).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
