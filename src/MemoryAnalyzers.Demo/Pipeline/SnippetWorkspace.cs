using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.Demo.Pipeline
{
    /// <summary>A one-file workspace in which the package's real analyzers report and its real code fixes rewrite.</summary>
    internal static class SnippetWorkspace
    {
        private static readonly ImmutableArray<CodeFixProvider> s_fixers = MemoryAnalyzers.Shared.ShippedFixers.All;

        public static Document CreateDocument(string code) => ScenarioHarness.CreateDocument(code, RuntimeReferences.All);

        /// <summary>The diagnostics of one rule on the document, in source order.</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document, string ruleId, CancellationToken cancellationToken)
        {
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("no compilation");
            var diagnostics = await compilation.WithAnalyzers(ShippedAnalyzers.All).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return diagnostics.Where(d => d.Id == ruleId).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        /// <summary>
        /// Applies the rule's first offered fix again and again until no diagnostic of the rule has a fix left:
        /// what a user gets from the light bulb, one squiggle at a time. Returns the fixed code, or null if nothing was fixed.
        /// </summary>
        public static async Task<string?> FixAllAsync(Document document, string ruleId, CancellationToken cancellationToken)
        {
            var fixer = s_fixers.FirstOrDefault(f => f.FixableDiagnosticIds.Contains(ruleId));
            if (fixer is null)
            {
                return null;
            }

            var changed = false;
            for (var round = 0; round < 50; round++)
            {
                var action = await FirstFixAsync(document, fixer, await AnalyzeAsync(document, ruleId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                if (action is null)
                {
                    break;
                }

                var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                var apply = operations.OfType<ApplyChangesOperation>().Single();
                document = apply.ChangedSolution.GetDocument(document.Id)!;
                changed = true;
            }

            return changed ? (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString() : null;
        }

        private static async Task<CodeAction?> FirstFixAsync(Document document, CodeFixProvider fixer, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                if (actions.Count > 0)
                {
                    return actions[0];
                }
            }

            return null;
        }
    }
}
