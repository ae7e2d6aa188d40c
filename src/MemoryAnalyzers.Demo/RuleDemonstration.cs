using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Demo.Pipeline;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.Demo.Simulation;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers.Demo
{
    /// <summary>Whether a rule is about how much a pattern allocates, how long it keeps an object alive, or how long it runs.</summary>
    internal enum CostKind
    {
        Allocation,
        Lifetime,
        Time,
    }

    /// <summary>How a lifetime demonstration talks about what is held: a table column and the two halves of its verdict.</summary>
    internal sealed record LifetimeWording(string Column, string OriginalHolds, string FixReleases);

    /// <summary>What one rule demonstration found and measured; the report is drawn from it, and tests check it.</summary>
    /// <param name="AfterIsManual">True when the rule has no code fix and <c>After</c> is the manual rewrite from its docs page.</param>
    /// <param name="RemainingDiagnostics">Diagnostics of the rule still reported on <c>After</c>.</param>
    internal sealed record RuleOutcome(
        string Before,
        string? After,
        bool AfterIsManual,
        int RemainingDiagnostics,
        ImmutableArray<Diagnostic> Diagnostics,
        IReadOnlyList<(RunMeasurement Before, RunMeasurement After)> Runs,
        string Verdict);

    /// <summary>
    /// A rule at work on a snippet: the real analyzer reports, the real fix rewrites, both versions run on the real
    /// runtime at several sizes, and the heap simulator (when given) replays the scenario to show the mechanism.
    /// </summary>
    internal sealed class RuleDemonstration : IDemonstration
    {
        private readonly string _ruleId;
        private readonly string _snippet;
        private readonly CostKind _kind;
        private readonly IReadOnlyList<int> _sizes;
        private readonly Func<int, SimulatedComparison>? _simulation;
        private readonly LifetimeWording? _lifetime;

        /// <summary>For a rule without a code fix: a snippet with the rewrite its docs page recommends.</summary>
        public string? ManualRewrite { get; init; }

        public RuleDemonstration(string name, string ruleId, string title, string snippet, IReadOnlyList<int> sizes, Func<int, SimulatedComparison>? simulation)
            : this(name, ruleId, title, snippet, CostKind.Allocation, sizes, simulation, lifetime: null)
        {
        }

        public RuleDemonstration(string name, string ruleId, string title, string snippet, IReadOnlyList<int> sizes, LifetimeWording lifetime, Func<int, SimulatedComparison>? simulation = null)
            : this(name, ruleId, title, snippet, CostKind.Lifetime, sizes, simulation, lifetime)
        {
        }

        /// <summary>For a rule whose cost is time, not bytes: the verdict compares the measured times, whichever way they go.</summary>
        public static RuleDemonstration ForTime(string name, string ruleId, string title, string snippet, IReadOnlyList<int> sizes)
            => new RuleDemonstration(name, ruleId, title, snippet, CostKind.Time, sizes, simulation: null, lifetime: null);

        private RuleDemonstration(string name, string ruleId, string title, string snippet, CostKind kind, IReadOnlyList<int> sizes, Func<int, SimulatedComparison>? simulation, LifetimeWording? lifetime)
        {
            _lifetime = lifetime;
            Name = name;
            Title = title;
            _ruleId = ruleId;
            _snippet = snippet;
            _kind = kind;
            _sizes = sizes;
            _simulation = simulation;
        }

        public string Name { get; }

        public string Title { get; }

        public string RuleId => _ruleId;

        /// <summary>What the rule's cost is, and so what the verdict compares.</summary>
        public CostKind Kind => _kind;

        public static string LoadSnippet(string fileName)
        {
            using var stream = typeof(RuleDemonstration).Assembly.GetManifestResourceStream("Scenarios/" + fileName)
                ?? throw new InvalidOperationException("no embedded snippet " + fileName);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        public async Task<RuleOutcome> ExecuteAsync(CancellationToken cancellationToken)
        {
            var before = LoadSnippet(_snippet);
            var document = SnippetWorkspace.CreateDocument(before);
            var diagnostics = await SnippetWorkspace.AnalyzeAsync(document, _ruleId, cancellationToken).ConfigureAwait(false);
            var after = await SnippetWorkspace.FixAllAsync(document, _ruleId, cancellationToken).ConfigureAwait(false);
            var manual = after is null && ManualRewrite is not null;
            if (manual)
            {
                after = LoadSnippet(ManualRewrite!);
            }

            var remaining = after is null
                ? diagnostics.Length
                : (await SnippetWorkspace.AnalyzeAsync(SnippetWorkspace.CreateDocument(after), _ruleId, cancellationToken).ConfigureAwait(false)).Length;

            var runs = new List<(RunMeasurement, RunMeasurement)>();
            if (after is not null)
            {
                using var original = SnippetRunner.Compile(before, Name + ".before");
                using var fixedVersion = SnippetRunner.Compile(after, Name + ".after");
                foreach (var n in _sizes)
                {
                    runs.Add((original.Measure(n), fixedVersion.Measure(n)));
                }
            }

            return new RuleOutcome(before, after, manual, remaining, diagnostics, runs, Verdict(runs));
        }

        public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
        {
            var outcome = await ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var blocks = new List<Block>
            {
                new CodeBlock("The anti-pattern", outcome.Before, outcome.Diagnostics.Select(ToHighlight).ToList()),
            };
            blocks.AddRange(outcome.Diagnostics.Select(d => new TextBlock(Describe(d))));
            if (outcome.After is null)
            {
                blocks.Add(new VerdictBlock("no code fix was offered for this snippet"));
                return new DemoReport(Name, Title, blocks);
            }

            var diffCaption = outcome.AfterIsManual
                ? $"No automatic fix: the rewrite recommended in docs/rules/{_ruleId}.md"
                : "The code fix";
            blocks.Add(new DiffBlock(diffCaption, UnifiedDiff.Hunks(UnifiedDiff.Lines(outcome.Before, outcome.After))));
            blocks.Add(MeasurementTable(outcome.Runs));
            if (_kind == CostKind.Allocation)
            {
                blocks.Add(new ChartBlock(
                    "Allocated bytes on the real runtime",
                    "n",
                    "bytes",
                    new[]
                    {
                        new ChartSeries("before", outcome.Runs.Select(r => ((double)r.Before.N, (double)r.Before.AllocatedBytes)).ToList()),
                        new ChartSeries("after fix", outcome.Runs.Select(r => ((double)r.After.N, (double)r.After.AllocatedBytes)).ToList()),
                    }));
            }

            var verdict = outcome.Verdict;
            if (_simulation is not null)
            {
                var simulated = _simulation(_sizes[_sizes.Count - 1]);
                blocks.AddRange(simulated.Blocks);
                verdict += simulated.Verdict is { } simulatedVerdict
                    ? "; " + simulatedVerdict
                    : _kind == CostKind.Allocation
                    ? $"; on the simulated heap the peak of live bytes (garbage included) goes from {Format.Bytes(simulated.Original.PeakLiveBytes)} to {Format.Bytes(simulated.Fixed.PeakLiveBytes)}, "
                        + $"of reachable bytes from {simulated.Original.PeakReachable} to {simulated.Fixed.PeakReachable}"
                    : $"; on the simulated heap {Format.Bytes(simulated.Original.RetainedBytes)} stay reachable after a full collection, {Format.Bytes(simulated.Fixed.RetainedBytes)} with the fix";
            }

            blocks.Add(new VerdictBlock(verdict));
            return new DemoReport(Name, Title, blocks);
        }

        private TableBlock MeasurementTable(IReadOnlyList<(RunMeasurement Before, RunMeasurement After)> runs)
        {
            var headers = _kind != CostKind.Lifetime
                ? new[] { "n", "allocated", "fixed", "ratio", "GCs 0/1/2", "fixed", "time", "fixed" }
                : new[] { "n", _lifetime!.Column, "fixed", "allocated", "fixed" };
            var rows = runs.Select(run => (IReadOnlyList<string>)(_kind != CostKind.Lifetime
                ? new[]
                {
                    Format.Count(run.Before.N),
                    Format.Bytes(run.Before.AllocatedBytes),
                    Format.Bytes(run.After.AllocatedBytes),
                    Format.Ratio(run.Before.AllocatedBytes / (double)Math.Max(1, run.After.AllocatedBytes)) + "×",
                    $"{run.Before.Gen0}/{run.Before.Gen1}/{run.Before.Gen2}",
                    $"{run.After.Gen0}/{run.After.Gen1}/{run.After.Gen2}",
                    Format.Milliseconds(run.Before.Elapsed),
                    Format.Milliseconds(run.After.Elapsed),
                }
                : new[]
                {
                    Format.Count(run.Before.N),
                    Held(run.Before.Held),
                    Held(run.After.Held),
                    Format.Bytes(run.Before.AllocatedBytes),
                    Format.Bytes(run.After.AllocatedBytes),
                })).ToList();
            return new TableBlock($"Measured on the real runtime (.NET {Environment.Version}): original, then fixed code", headers, rows);
        }

        private static string Held(bool? held) => held switch
        {
            true => "yes",
            false => "no",
            null => "-",
        };

        /// <summary>A sentence computed from the measurements at the largest size.</summary>
        private string Verdict(IReadOnlyList<(RunMeasurement Before, RunMeasurement After)> runs)
        {
            if (runs.Count == 0)
            {
                return "nothing to compare: the fix was not applied";
            }

            var (before, after) = runs[runs.Count - 1];
            if (_kind == CostKind.Lifetime)
            {
                return (before.Held, after.Held) switch
                {
                    (true, false) => $"{_lifetime!.OriginalHolds}; {_lifetime.FixReleases} (n = {Format.Count(before.N)})",
                    (false, false) => "neither version holds it: the scenario did not show the problem",
                    (true, true) => "both versions still hold it: the fix did not help here",
                    _ => "the fixed code holds it longer than the original",
                };
            }

            if (_kind == CostKind.Time)
            {
                var speedup = before.Elapsed.TotalMilliseconds / Math.Max(0.001, after.Elapsed.TotalMilliseconds);
                var times = $"{Format.Milliseconds(before.Elapsed)} → {Format.Milliseconds(after.Elapsed)} at n = {Format.Count(before.N)}, median of {SnippetRunner.Runs} runs";
                return speedup >= 1.1 ? $"the fix runs {Format.Ratio(speedup)}× faster ({times})"
                    : speedup <= 1 / 1.1 ? $"the fix runs {Format.Ratio(1 / speedup)}× slower ({times})"
                    : $"no measurable difference in time on this runtime ({times}); the JIT may already keep the field in a register";
            }

            var ratio = before.AllocatedBytes / (double)Math.Max(1, after.AllocatedBytes);
            if (ratio >= 1.1)
            {
                return $"the fix allocates {Format.Ratio(ratio)}× less at n = {Format.Count(before.N)} ({Format.Bytes(before.AllocatedBytes)} → {Format.Bytes(after.AllocatedBytes)})";
            }

            return after.AllocatedBytes > before.AllocatedBytes * 1.1
                ? $"the fix allocates {Format.Ratio(after.AllocatedBytes / (double)Math.Max(1, before.AllocatedBytes))}× more at n = {Format.Count(before.N)}"
                : $"no measurable difference in allocation at n = {Format.Count(before.N)}";
        }

        private static Highlight ToHighlight(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            var length = span.StartLinePosition.Line == span.EndLinePosition.Line
                ? Math.Max(1, span.EndLinePosition.Character - span.StartLinePosition.Character)
                : 1;
            return new Highlight(span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, length, diagnostic.Id);
        }

        private static string Describe(Diagnostic diagnostic)
        {
            var position = diagnostic.Location.GetLineSpan().StartLinePosition;
            return $"{diagnostic.Id} ({position.Line + 1}:{position.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }
    }
}
