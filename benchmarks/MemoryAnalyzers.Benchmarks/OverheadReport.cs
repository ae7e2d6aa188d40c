using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>
    /// The budget check: analyzer execution time (Roslyn's own per-analyzer telemetry) as a share of the compiler's
    /// time on the same code. Medians of several fresh compilations, after a warm-up.
    /// </summary>
    public static class OverheadReport
    {
        public const double BudgetPercent = 5.0;

        /// <summary>
        /// Below this size the fixed cost of starting analysis on a compilation (resolving well-known types once)
        /// dominates, and a share says nothing about the analyzers' cost on real code; such corpora are shown, not judged.
        /// </summary>
        public const int MinimumLinesForBudget = 1_000;

        public static int Run(int repetitions)
        {
            var culture = CultureInfo.InvariantCulture;
            Console.WriteLine($"{"corpus",-16}{"lines",10}{"compiler ms",14}{"analyzers ms",14}{"share",9}  reports");
            var overBudget = false;
            foreach (var kind in Enum.GetValues<CorpusKind>())
            {
                var session = new AnalysisSession(CodeCorpus.Get(kind));
                session.Compile();
                var compilerMs = Median(repetitions, () =>
                {
                    var watch = Stopwatch.StartNew();
                    session.Compile();
                    return watch.Elapsed.TotalMilliseconds;
                });

                var reports = 0;
                var perAnalyzer = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<double>>();
                var analyzerMs = Median(repetitions, () =>
                {
                    var withAnalyzers = session.WithAnalyzers(AnalysisSession.AllAnalyzers, logExecutionTime: true);
                    reports = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
                    var total = 0.0;
                    foreach (var analyzer in AnalysisSession.AllAnalyzers)
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

                var share = 100 * analyzerMs / compilerMs;
                var judged = session.LineCount >= MinimumLinesForBudget || kind == CorpusKind.LongExpression;
                overBudget |= judged && share > BudgetPercent;
                var note = judged ? "" : "  (too small to judge)";
                Console.WriteLine(string.Create(culture, $"{kind,-16}{session.LineCount,10:N0}{compilerMs,14:F1}{analyzerMs,14:F1}{share,8:F2}%  {reports}{note}"));
                foreach (var (name, ms) in perAnalyzer.Select(pair => (pair.Key, pair.Value.OrderBy(x => x).ElementAt(pair.Value.Count / 2))).OrderByDescending(pair => pair.Item2))
                {
                    Console.WriteLine(string.Create(culture, $"    {name,-50}{ms,10:F1} ms{100 * ms / compilerMs,8:F2}%"));
                }
            }

            Console.WriteLine(overBudget ? $"OVER BUDGET: analyzers take more than {BudgetPercent}% of compile time" : $"within budget ({BudgetPercent}% of compile time)");
            return overBudget ? 1 : 0;
        }

        private static double Median(int repetitions, Func<double> measure)
        {
            var samples = Enumerable.Range(0, repetitions).Select(_ => measure()).OrderBy(x => x).ToArray();
            return samples[samples.Length / 2];
        }
    }
}
