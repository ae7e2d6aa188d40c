using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>Per rule: how many diagnostics got a fix, and how many fixes (one at a time, or Fix All in a document) broke the build.</summary>
    public sealed class FixTally
    {
        public int Diagnostics { get; set; }
        public int Checked { get; set; }
        public int Offered { get; set; }
        public int Applied { get; set; }
        public int Broken { get; set; }
        public int FixAllChecked { get; set; }
        public int FixAllBroken { get; set; }
        public int Threw { get; set; }
    }

    /// <summary>
    /// Applies the first fix offered for each diagnostic (up to a limit per rule), and Fix All in document on a few
    /// documents, then compares the compiler errors of every changed document before and after: a new error is a broken fix.
    /// </summary>
    public sealed class FixCheck
    {
        private static readonly ImmutableArray<CodeFixProvider> s_fixers = MemoryAnalyzers.Shared.ShippedFixers.All;

        private readonly Action<string> _log;

        public FixCheck(Action<string> log) => _log = log;

        public async Task<SortedDictionary<string, FixTally>> RunAsync(DiagnosticRun run, int perRule, int fixAllDocuments, CancellationToken cancellationToken)
        {
            var tallies = new SortedDictionary<string, FixTally>(StringComparer.Ordinal);
            foreach (var group in run.Diagnostics.GroupBy(d => d.Id))
            {
                var tally = tallies[group.Key] = new FixTally { Diagnostics = group.Count() };
                var fixer = s_fixers.FirstOrDefault(f => f.FixableDiagnosticIds.Contains(group.Key));
                if (fixer is null)
                {
                    continue;
                }

                var fixedDocuments = new List<(Document Document, string? EquivalenceKey)>();
                foreach (var diagnostic in group.Take(perRule))
                {
                    tally.Checked++;
                    var document = run.Project.GetDocument(diagnostic.Location.SourceTree!)!;
                    try
                    {
                        var action = await FirstActionAsync(fixer, document, diagnostic, cancellationToken).ConfigureAwait(false);
                        if (action is null)
                        {
                            continue;
                        }

                        tally.Offered++;
                        if (!fixedDocuments.Any(d => d.Document.Id == document.Id))
                        {
                            fixedDocuments.Add((document, action.EquivalenceKey));
                        }

                        var newErrors = await NewErrorsAsync(run.Project.Solution, action, cancellationToken).ConfigureAwait(false);
                        tally.Applied++;
                        if (newErrors.Count > 0)
                        {
                            tally.Broken++;
                            _log($"  broken fix {diagnostic.Id} at {Where(diagnostic)}: {string.Join(" | ", newErrors.Take(3))}");
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        tally.Threw++;
                        _log($"  fix threw {diagnostic.Id} at {Where(diagnostic)}: {exception.GetType().Name}: {exception.Message}");
                    }
                }

                foreach (var (document, key) in fixedDocuments.Take(fixAllDocuments))
                {
                    tally.FixAllChecked++;
                    try
                    {
                        var provider = fixer.GetFixAllProvider()!;
                        var context = new FixAllContext(document, fixer, FixAllScope.Document, key, new[] { group.Key }, new KnownDiagnostics(run.Diagnostics), cancellationToken);
                        var action = await provider.GetFixAsync(context).ConfigureAwait(false);
                        var newErrors = action is null ? new List<string>() : await NewErrorsAsync(run.Project.Solution, action, cancellationToken).ConfigureAwait(false);
                        if (newErrors.Count > 0)
                        {
                            tally.FixAllBroken++;
                            _log($"  broken Fix All {group.Key} in {document.Name}: {string.Join(" | ", newErrors.Take(3))}");
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        tally.Threw++;
                        _log($"  Fix All threw {group.Key} in {document.Name}: {exception.GetType().Name}: {exception.Message}");
                    }
                }
            }

            return tallies;
        }

        private static string Where(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return $"{System.IO.Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}";
        }

        private static async Task<CodeAction?> FirstActionAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            return actions.FirstOrDefault();
        }

        /// <summary>Errors in the changed documents after the fix that were not there before (compared by ID and message).</summary>
        private static async Task<List<string>> NewErrorsAsync(Solution before, CodeAction action, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var after = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var newErrors = new List<string>();
            foreach (var documentId in after.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
            {
                var old = await before.GetDocument(documentId)!.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var changed = await after.GetDocument(documentId)!.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var remaining = CorpusWorkspace.ErrorKeys(old!).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
                foreach (var key in CorpusWorkspace.ErrorKeys(changed!))
                {
                    if (remaining.TryGetValue(key, out var count) && count > 0)
                    {
                        remaining[key] = count - 1;
                    }
                    else
                    {
                        newErrors.Add(key);
                    }
                }
            }

            return newErrors;
        }

        /// <summary>Fix All asks for the diagnostics of a scope; these were computed once for the whole library.</summary>
        private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _all;

            public KnownDiagnostics(ImmutableArray<Diagnostic> all) => _all = all;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return _all.Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_all);
        }
    }
}
