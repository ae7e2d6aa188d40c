using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>Medians over several fresh compilations of one library: the compiler's time and each analyzer's.</summary>
    public sealed record CostFigures(string Name, int Lines, double CompilerMs, ImmutableDictionary<string, double> AnalyzerMs)
    {
        /// <summary>Sum of the per-analyzer medians: a collector pause lands in a different analyzer each sample, so this is the stable total.</summary>
        public double TotalAnalyzerMs => AnalyzerMs.Values.Sum();

        public double Ratio => TotalAnalyzerMs / CompilerMs;
    }

    /// <summary>
    /// Compile time is <c>GetDiagnostics()</c> on a fresh compilation (binding every body, single-threaded). Analyzer time
    /// is Roslyn's per-analyzer telemetry, single-threaded, on a fresh compilation the compiler has already bound, as in
    /// a build. Each figure is the median of the samples, after a warm-up of both paths; a full collection precedes each.
    /// </summary>
    public static class CostMeasurement
    {
        public static CostFigures Measure(CorpusProject corpus, ImmutableArray<DiagnosticAnalyzer> analyzers, int runs)
            => Measure(corpus.Entry.Name, corpus.LineCount, corpus.NewCompilation, analyzers, runs);

        public static CostFigures Measure(string name, int lines, Func<Compilation> newCompilation, ImmutableArray<DiagnosticAnalyzer> analyzers, int runs)
        {
            newCompilation().GetDiagnostics();
            AnalyzerTimes(newCompilation(), analyzers);

            var compiler = new List<double>();
            var perAnalyzer = analyzers.ToDictionary(Label, _ => new List<double>());
            for (var run = 0; run < runs; run++)
            {
                Collect();
                var watch = Stopwatch.StartNew();
                newCompilation().GetDiagnostics();
                compiler.Add(watch.Elapsed.TotalMilliseconds);

                Collect();
                foreach (var (analyzer, ms) in AnalyzerTimes(newCompilation(), analyzers))
                {
                    perAnalyzer[analyzer].Add(ms);
                }
            }

            return new CostFigures(name, lines, Median(compiler), perAnalyzer.ToImmutableDictionary(pair => pair.Key, pair => Median(pair.Value)));
        }

        private static IEnumerable<(string Analyzer, double Ms)> AnalyzerTimes(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            compilation.GetDiagnostics();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
            withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return analyzers.Select(analyzer => (
                Label(analyzer),
                withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds)).ToList();
        }

        /// <summary>The shipped analyzers that report any of <paramref name="ruleIds"/>, or all of them when none is given.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Select(IReadOnlyCollection<string> ruleIds)
            => ruleIds.Count == 0
                ? ShippedAnalyzers.All
                : ShippedAnalyzers.All.Where(a => a.SupportedDiagnostics.Any(d => ruleIds.Contains(d.Id, StringComparer.OrdinalIgnoreCase))).ToImmutableArray();

        /// <summary>An analyzer by the rule IDs it reports, which is how the budget is stated.</summary>
        public static string Label(DiagnosticAnalyzer analyzer)
            => string.Join("/", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct()) + " " + analyzer.GetType().Name.Replace("Analyzer", "", StringComparison.Ordinal);

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static double Median(List<double> samples)
        {
            var sorted = samples.OrderBy(x => x).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}
