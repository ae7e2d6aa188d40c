using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>
    /// Other packages' dispose rules run beside ours on the same compilation (<c>--compare CA2000,IDISP001</c>): their
    /// analyzers, the diagnostic options that turn exactly those rules on, and where they report compared with MEM004.
    /// </summary>
    public sealed class Comparison
    {
        /// <summary>Our rule the compared ones are measured against.</summary>
        public const string OurRule = "MEM004";

        private readonly List<FolderPlaces> _folders = new();

        private Comparison(ImmutableArray<string> rules, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            Rules = rules;
            Analyzers = analyzers;
            DiagnosticOptions = rules.IsEmpty
                ? ImmutableDictionary<string, ReportDiagnostic>.Empty
                : ComparedAnalyzers.Options(rules, analyzers);
        }

        public ImmutableArray<string> Rules { get; }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        public ImmutableDictionary<string, ReportDiagnostic> DiagnosticOptions { get; }

        public bool IsEmpty => Rules.IsEmpty;

        /// <summary>The rules of a comma-separated list such as <c>CA2000,IDISP001</c>; none for null or empty.</summary>
        public static Comparison Parse(string? list)
        {
            var rules = (list ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(rule => rule.ToUpperInvariant())
                .Distinct(StringComparer.Ordinal)
                .ToImmutableArray();
            return new Comparison(rules, rules.SelectMany(rule => ComparedAnalyzers.For(rule)).ToImmutableArray());
        }

        /// <summary>A compilation with the compared rules on and their packages' other rules off.</summary>
        public Func<Compilation> WithOptions(Func<Compilation> newCompilation)
        {
            if (IsEmpty)
            {
                return newCompilation;
            }

            return () =>
            {
                var compilation = newCompilation();
                return compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(DiagnosticOptions));
            };
        }

        /// <summary>Records one folder's places (file and line) per rule, ours and theirs.</summary>
        public void Add(CorpusEntry entry, DiagnosticRun run)
        {
            var places = run.Diagnostics
                .Where(d => d.Id == OurRule || Rules.Contains(d.Id))
                .GroupBy(d => d.Id)
                .ToDictionary(
                    group => group.Key,
                    group => (Count: group.Count(), Places: group.Select(d => (SourceFiles.Relative(entry, d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line + 1)).ToHashSet()));
            _folders.Add(new FolderPlaces(entry.Name, places));
        }

        /// <summary>Per folder: diagnostics of each compared rule, distinct places of their union, and how many of those MEM004 reports too.</summary>
        public void Print(Action<string> writeLine)
        {
            writeLine("");
            writeLine($"{"folder",-14}" + string.Concat(Rules.Select(rule => $"{rule,10}")) + $"{"places",8}{OurRule + " too",12}{OurRule,8}");
            var rows = _folders.Select(folder => (folder.Name, Counts: Rules.Select(folder.Count).ToList(), Union: folder.Union(Rules), Ours: folder.Places(OurRule))).ToList();
            foreach (var row in rows)
            {
                writeLine($"{row.Name,-14}" + string.Concat(row.Counts.Select(count => $"{count,10}")) + $"{row.Union.Count,8}{row.Union.Count(row.Ours.Contains),12}{row.Ours.Count,8}");
            }

            writeLine($"{"all",-14}"
                + string.Concat(Rules.Select((_, i) => $"{rows.Sum(row => row.Counts[i]),10}"))
                + $"{rows.Sum(row => row.Union.Count),8}{rows.Sum(row => row.Union.Count(row.Ours.Contains)),12}{rows.Sum(row => row.Ours.Count),8}");
            writeLine($"(places: distinct file and line reported by any of {string.Join(", ", Rules)}; {OurRule} too: of those, reported by {OurRule} as well; {OurRule}: its own places)");
        }

        private sealed record FolderPlaces(string Name, Dictionary<string, (int Count, HashSet<(string File, int Line)> Places)> ByRule)
        {
            public int Count(string rule) => ByRule.TryGetValue(rule, out var found) ? found.Count : 0;

            public HashSet<(string File, int Line)> Places(string rule) => ByRule.TryGetValue(rule, out var found) ? found.Places : new();

            public HashSet<(string File, int Line)> Union(IEnumerable<string> rules) => rules.SelectMany(Places).ToHashSet();
        }
    }
}
