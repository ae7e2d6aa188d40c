using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>What the analyzers report on one library, and every exception they throw there.</summary>
    public sealed record DiagnosticRun(
        Project Project,
        ImmutableArray<Diagnostic> CompileErrors,
        ImmutableArray<Diagnostic> Diagnostics,
        ImmutableArray<string> AnalyzerExceptions)
    {
        /// <param name="diagnosticOptions">
        /// Rules other packages' analyzers among <paramref name="analyzers"/> report: those set to warn are kept beside
        /// ours, the others are suppressed (empty when only ours run).
        /// </param>
        public static async Task<DiagnosticRun> RunAsync(CorpusProject corpus, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic> diagnosticOptions, CancellationToken cancellationToken)
        {
            var project = CorpusWorkspace.Create(corpus);
            if (!diagnosticOptions.IsEmpty)
            {
                project = project.WithCompilationOptions(project.CompilationOptions!.WithSpecificDiagnosticOptions(diagnosticOptions));
            }

            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("no compilation");
            var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message} at {diagnostic.Location.GetLineSpan()}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
            var reported = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var failure in reported.Where(d => d.Id == "AD0001"))
            {
                exceptions.Enqueue(failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            var diagnostics = reported
                .Where(d => d.Id.StartsWith("MEM", StringComparison.Ordinal) || diagnosticOptions.GetValueOrDefault(d.Id) == ReportDiagnostic.Warn)
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToImmutableArray();
            return new DiagnosticRun(project, errors, diagnostics, exceptions.Distinct().ToImmutableArray());
        }

        /// <summary>One JSON object per line: folder, rule, file, line, column, message and the source line.</summary>
        public void WriteJsonLines(CorpusEntry entry, TextWriter writer)
        {
            foreach (var diagnostic in Diagnostics)
            {
                var span = diagnostic.Location.GetLineSpan();
                var tree = diagnostic.Location.SourceTree!;
                var sourceLine = tree.GetText().Lines[span.StartLinePosition.Line].ToString().Trim();
                writer.WriteLine(JsonSerializer.Serialize(new
                {
                    folder = entry.Name,
                    rule = diagnostic.Id,
                    file = SourceFiles.Relative(entry, tree.FilePath),
                    line = span.StartLinePosition.Line + 1,
                    column = span.StartLinePosition.Character + 1,
                    message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                    source = sourceLine,
                }));
            }
        }
    }
}
