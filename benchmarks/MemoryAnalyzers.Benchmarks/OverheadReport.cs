using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>
    /// The budget check: analyzer execution time (Roslyn's own per-analyzer telemetry) as a share of the compiler's
    /// time on the same code. Medians of several fresh compilations, after a warm-up. The analyzers run on a compilation
    /// the compiler has already bound, as in a build; the BenchmarkDotNet suite measures the wall-clock difference too.
    /// </summary>
    public static class OverheadReport
    {
        public const double BudgetPercent = 5.0;

        /// <summary>
        /// Below this size the fixed cost of starting analysis on a compilation (resolving well-known types once)
        /// dominates, and a share says nothing about the analyzers' cost on real code; such corpora are shown, not judged.
        /// </summary>
        public const int MinimumLinesForBudget = 1_000;

        public static int Run(int repetitions, string? realCorpus)
        {
            var culture = CultureInfo.InvariantCulture;
            Console.WriteLine($"{"corpus",-16}{"lines",10}{"compiler ms",14}{"analyzers ms",14}{"share",9}{"raw share",12}  reports");
            var overBudget = false;
            foreach (var kind in Enum.GetValues<CorpusKind>())
            {
                var corpus = new CorpusCompilation(CodeCorpus.Get(kind));

                // Warm up both paths (JIT of the compiler and of every analyzer) before any sample is taken.
                corpus.Compile();
                corpus.WithAnalyzers(CorpusCompilation.AllAnalyzers, logExecutionTime: false).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                var compilerMs = Median(repetitions, () =>
                {
                    var watch = Stopwatch.StartNew();
                    corpus.Compile();
                    return watch.Elapsed.TotalMilliseconds;
                });

                var reports = 0;
                var perAnalyzer = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<double>>();
                var analyzerMs = Median(repetitions, () =>
                {
                    var withAnalyzers = corpus.WithAnalyzers(CorpusCompilation.AllAnalyzers, logExecutionTime: true, bindFirst: true);
                    reports = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
                    var total = 0.0;
                    foreach (var analyzer in CorpusCompilation.AllAnalyzers)
                    {
                        var ms = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
                        var name = analyzer.GetType().Name;
                        if (!perAnalyzer.TryGetValue(name, out var samples))
                        {
                            perAnalyzer[name] = samples = new System.Collections.Generic.List<double>();
                        }

                        samples.Add(ms);
                        total += ms;
                    }

                    return total;
                });

                // A pause of the collector lands in whichever analyzer callback is running, a different one each sample:
                // the sum of each analyzer's median is the robust figure the budget is judged on; the median of the
                // per-sample totals is shown beside it.
                var medians = perAnalyzer.ToDictionary(pair => pair.Key, pair => pair.Value.OrderBy(x => x).ElementAt(pair.Value.Count / 2));
                var robustMs = medians.Values.Sum();
                var share = 100 * robustMs / compilerMs;
                var judged = corpus.LineCount >= MinimumLinesForBudget || kind == CorpusKind.LongExpression;
                overBudget |= judged && share > BudgetPercent;
                var note = judged ? "" : "  (too small to judge)";
                Console.WriteLine(string.Create(culture, $"{kind,-16}{corpus.LineCount,10:N0}{compilerMs,14:F1}{robustMs,14:F1}{share,8:F2}%{100 * analyzerMs / compilerMs,12:F2}%  {reports}{note}"));
                foreach (var (name, ms) in medians.OrderByDescending(pair => pair.Value))
                {
                    Console.WriteLine(string.Create(culture, $"    {name,-50}{ms,10:F1} ms{100 * ms / compilerMs,8:F2}%"));
                }
            }

            if (realCorpus is not null)
            {
                overBudget |= ReportRealCorpus(realCorpus, repetitions, culture);
            }

            Console.WriteLine(overBudget ? $"OVER BUDGET: analyzers take more than {BudgetPercent}% of compile time" : $"within budget ({BudgetPercent}% of compile time)");
            return overBudget ? 1 : 0;
        }

        /// <summary>
        /// The same share on real libraries (the corpus of benchmarks/MemoryAnalyzers.RealWorld): the figure the budget is
        /// really about, since generated bodies hold the patterns far more densely than real code and miss its shapes.
        /// </summary>
        private static bool ReportRealCorpus(string root, int repetitions, CultureInfo culture)
        {
            var entries = RealWorld.CorpusEntry.FromManifest(System.IO.Path.Combine(AppContext.BaseDirectory, "corpus.tsv"), root, Array.Empty<string>());
            var figures = entries.Select(entry => RealWorld.CostMeasurement.Measure(RealWorld.CorpusProject.Load(entry), CorpusCompilation.AllAnalyzers, repetitions)).ToList();
            var compilerMs = figures.Sum(f => f.CompilerMs);
            var analyzerMs = figures.Sum(f => f.TotalAnalyzerMs);
            var lines = figures.Sum(f => f.Lines);
            var share = 100 * analyzerMs / compilerMs;
            Console.WriteLine(string.Create(culture, $"{"real corpus",-16}{lines,10:N0}{compilerMs,14:F1}{analyzerMs,14:F1}{share,8:F2}%{"",12}  ({figures.Count} libraries)"));
            foreach (var (name, ms) in figures.SelectMany(f => f.AnalyzerMs).GroupBy(p => p.Key).Select(g => (g.Key, g.Sum(p => p.Value))).OrderByDescending(p => p.Item2))
            {
                Console.WriteLine(string.Create(culture, $"    {name,-50}{ms,10:F1} ms{100 * ms / compilerMs,8:F2}%"));
            }

            return share > BudgetPercent;
        }

        /// <summary>A full collection before each sample, so that a pause left over from the last one is not charged to this one.</summary>
        private static double Median(int repetitions, Func<double> measure)
        {
            var samples = Enumerable.Range(0, repetitions).Select(_ =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return measure();
            }).OrderBy(x => x).ToArray();
            return samples[samples.Length / 2];
        }
    }
}
