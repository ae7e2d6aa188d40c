using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using MemoryAnalyzers.RealWorld;

// dotnet run -c Release --project benchmarks/MemoryAnalyzers.RealWorld -- analyze --root <corpus> --out <file.jsonl> [--only a,b] [--rules MEM001,...] [--compare CA2000,IDISP001] [--fixes N] [--fix-all N] [folder...]
// dotnet run -c Release --project benchmarks/MemoryAnalyzers.RealWorld -- cost --root <corpus> [--runs N] [--only a,b] [--rules MEM001,...] [--compare CA2000,IDISP001] [folder...]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is not ("analyze" or "cost"))
{
    Console.Error.WriteLine("usage: analyze|cost [--root <corpus folder> [--manifest corpus.tsv] [--only name,...]] [folder...] [--out diagnostics.jsonl] [--rules MEM001,...] [--compare CA2000,IDISP001] [--fixes N] [--fix-all N] [--runs N]");
    return 2;
}

var options = CommandLine.Parse(args.Skip(1));
var entries = options.Entries();
if (entries.IsEmpty)
{
    Console.Error.WriteLine("no corpus: give --root (with corpus.tsv) or source folders");
    return 2;
}

return args[0] == "analyze" ? await Commands.AnalyzeAsync(entries, options) : Commands.Cost(entries, options);

namespace MemoryAnalyzers.RealWorld
{
    internal sealed class CommandLine
    {
        private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
        private readonly List<string> _folders = new();

        public static CommandLine Parse(IEnumerable<string> args)
        {
            var line = new CommandLine();
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                if (e.Current.StartsWith("--", StringComparison.Ordinal))
                {
                    var name = e.Current.Substring(2);
                    line._named[name] = e.MoveNext() ? e.Current : throw new ArgumentException($"--{name} needs a value");
                }
                else
                {
                    line._folders.Add(e.Current);
                }
            }

            return line;
        }

        public string? Get(string name) => _named.TryGetValue(name, out var value) ? value : null;

        public int GetInt(string name, int fallback) => _named.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        /// <summary>The analyzers of the rules named by <c>--rules MEM004,MEM006</c>, or every shipped analyzer.</summary>
        public ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> Analyzers()
            => CostMeasurement.Select((Get("rules") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));

        /// <summary>Other packages' rules named by <c>--compare CA2000,IDISP001</c>, run beside ours; none without the option.</summary>
        public Comparison Comparison() => RealWorld.Comparison.Parse(Get("compare"));

        public ImmutableArray<CorpusEntry> Entries()
        {
            var entries = ImmutableArray.CreateBuilder<CorpusEntry>();
            if (Get("root") is { } root)
            {
                var manifest = Get("manifest") ?? Path.Combine(AppContext.BaseDirectory, "corpus.tsv");
                var only = (Get("only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
                entries.AddRange(CorpusEntry.FromManifest(manifest, root, only));
            }

            entries.AddRange(_folders.Select(CorpusEntry.FromFolder));
            return entries.ToImmutable();
        }
    }

    internal static class Commands
    {
        public static async System.Threading.Tasks.Task<int> AnalyzeAsync(ImmutableArray<CorpusEntry> entries, CommandLine options)
        {
            var output = options.Get("out") ?? throw new ArgumentException("--out <file.jsonl> is required (keep it outside the repository)");
            var perRule = options.GetInt("fixes", 25);
            var fixAll = options.GetInt("fix-all", 3);
            var totals = new SortedDictionary<string, FixTally>(StringComparer.Ordinal);
            var exceptions = 0;
            var lines = 0;
            var comparison = options.Comparison();
            var analyzers = options.Analyzers().AddRange(comparison.Analyzers);
            using var writer = new StreamWriter(output);
            foreach (var entry in entries)
            {
                var corpus = CorpusProject.Load(entry);
                lines += corpus.LineCount;
                var run = await DiagnosticRun.RunAsync(corpus, analyzers, comparison.DiagnosticOptions, CancellationToken.None);
                run.WriteJsonLines(entry, writer);
                comparison.Add(entry, run);
                exceptions += run.AnalyzerExceptions.Length;
                Console.WriteLine($"{entry.Name}: {corpus.Trees.Length} files, {corpus.LineCount:N0} lines, {run.CompileErrors.Length} compile errors, {run.Diagnostics.Length} diagnostics, {run.AnalyzerExceptions.Length} analyzer exceptions");
                foreach (var error in run.CompileErrors.GroupBy(e => e.Id + " " + e.GetMessage(CultureInfo.InvariantCulture)).OrderByDescending(g => g.Count()).Take(5))
                {
                    Console.WriteLine($"  compile error x{error.Count()}: {error.Key}");
                }

                foreach (var exception in run.AnalyzerExceptions)
                {
                    Console.WriteLine($"  ANALYZER EXCEPTION {exception}");
                }

                var tallies = perRule > 0
                    ? await new FixCheck(Console.WriteLine).RunAsync(run, perRule, fixAll, CancellationToken.None)
                    : new SortedDictionary<string, FixTally>(run.Diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => new FixTally { Diagnostics = g.Count() }));
                foreach (var (rule, tally) in tallies)
                {
                    var total = totals.TryGetValue(rule, out var known) ? known : totals[rule] = new FixTally();
                    total.Diagnostics += tally.Diagnostics;
                    total.Checked += tally.Checked;
                    total.Offered += tally.Offered;
                    total.Applied += tally.Applied;
                    total.Broken += tally.Broken;
                    total.FixAllChecked += tally.FixAllChecked;
                    total.FixAllBroken += tally.FixAllBroken;
                    total.Threw += tally.Threw;
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{entries.Length} folders, {lines:N0} lines, {totals.Values.Sum(t => t.Diagnostics)} diagnostics, {exceptions} analyzer exceptions; diagnostics written to {output}");
            Console.WriteLine($"{"rule",-8}{"diagnostics",12}{"checked",9}{"offered",9}{"applied",9}{"broken",8}{"fix all",9}{"fix all broken",16}{"threw",7}");
            foreach (var (rule, t) in totals)
            {
                Console.WriteLine($"{rule,-8}{t.Diagnostics,12}{t.Checked,9}{t.Offered,9}{t.Applied,9}{t.Broken,8}{t.FixAllChecked,9}{t.FixAllBroken,16}{t.Threw,7}");
            }

            if (!comparison.IsEmpty)
            {
                comparison.Print(Console.WriteLine);
            }

            var broken = totals.Values.Sum(t => t.Broken + t.FixAllBroken + t.Threw);
            return exceptions > 0 || broken > 0 ? 1 : 0;
        }

        /// <summary>The budget on real code: every rule together at most 5% of compile time, no single analyzer above 1%. Compared rules are measured, not budgeted.</summary>
        public const double TotalBudget = 0.05;
        public const double RuleBudget = 0.01;

        public static int Cost(ImmutableArray<CorpusEntry> entries, CommandLine options)
        {
            var runs = options.GetInt("runs", 5);
            var comparison = options.Comparison();
            var compared = comparison.Analyzers.Select(CostMeasurement.Label).ToHashSet(StringComparer.Ordinal);
            var analyzers = options.Analyzers().AddRange(comparison.Analyzers);
            var figures = new List<CostFigures>();
            foreach (var entry in entries)
            {
                var corpus = CorpusProject.Load(entry);
                var measured = CostMeasurement.Measure(entry.Name, corpus.LineCount, comparison.WithOptions(corpus.NewCompilation), analyzers, runs);
                figures.Add(measured);
                var ours = measured.AnalyzerMs.Where(p => !compared.Contains(p.Key)).Sum(p => p.Value);
                var theirs = comparison.IsEmpty ? "" : $"  compared {measured.TotalAnalyzerMs - ours,8:F0} ms  ratio {(measured.TotalAnalyzerMs - ours) / measured.CompilerMs:F4}";
                Console.WriteLine($"{measured.Name,-14}{measured.Lines,9:N0} lines  compiler {measured.CompilerMs,8:F0} ms  analyzers {ours,7:F0} ms  ratio {ours / measured.CompilerMs:F4}{theirs}");
            }

            var compiler = figures.Sum(f => f.CompilerMs);
            var all = figures.SelectMany(f => f.AnalyzerMs).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
            if (!comparison.IsEmpty)
            {
                Console.WriteLine();
                Console.WriteLine($"compared rules (not in the budget), analyzer / compile over all {figures.Count} folders (an analyzer that reports several rules counts for each):");
                foreach (var rule in comparison.Rules)
                {
                    var ms = comparison.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == rule)).Sum(a => all[CostMeasurement.Label(a)]);
                    Console.WriteLine($"  {rule,-50}{ms,9:F1} ms  {ms / compiler,7:F4}");
                }
            }

            var perAnalyzer = all.Where(p => !compared.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
            var total = perAnalyzer.Values.Sum();
            Console.WriteLine();
            Console.WriteLine($"all {figures.Count} folders, {figures.Sum(f => f.Lines):N0} lines, median of {runs} runs: compiler {compiler:F0} ms, analyzers {total:F0} ms, analyzer / compile = {total / compiler:F4} (budget {TotalBudget})");
            foreach (var (analyzer, ms) in perAnalyzer.OrderByDescending(p => p.Value))
            {
                var flag = ms / compiler > RuleBudget ? "  OVER" : "";
                Console.WriteLine($"  {analyzer,-50}{ms,9:F1} ms  {ms / compiler,7:F4}{flag}");
            }

            var over = total / compiler > TotalBudget || perAnalyzer.Values.Any(ms => ms / compiler > RuleBudget);
            Console.WriteLine(over ? "OVER BUDGET" : "within budget");
            return over ? 1 : 0;
        }
    }
}
