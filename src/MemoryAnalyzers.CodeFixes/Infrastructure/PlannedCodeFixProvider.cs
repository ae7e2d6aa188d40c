using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// A fixer whose diagnostics each yield a plan (or none, when the rewrite would not keep behaviour), and whose plans
    /// for one document must be applied in one edit: they may share a scope for fresh names or an insertion point,
    /// which Roslyn's batch fixer, merging one text change per diagnostic, gets wrong. Fix All collects the plans of a
    /// document, keeps one per key, and applies them together. Plans are typed <c>object</c> here because the fixers are
    /// public (the IDE and dotnet format discover them) while their plan types are internal.
    /// </summary>
    public abstract class PlannedCodeFixProvider : CodeFixProvider
    {
        /// <summary>The code action's title, also its equivalence key.</summary>
        private protected abstract string Title { get; }

        /// <summary>
        /// The title (and equivalence key) of the action for one plan: <see cref="Title"/> unless the fixer offers several
        /// kinds of rewrite, each under its own title. Fix All applies the plans of the kind that was chosen.
        /// </summary>
        private protected virtual string TitleOf(object plan) => Title;

        public sealed override FixAllProvider GetFixAllProvider() => new FixAll(this);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            if (await context.Document.GetRootAndModelAsync(context.CancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (TryCreatePlan(root, semanticModel, diagnostic, context.CancellationToken) is { } plan)
                {
                    var title = TitleOf(plan);
                    context.RegisterCodeFix(
                        CodeAction.Create(title, cancellationToken => ApplyAsync(context.Document, new[] { plan }, cancellationToken), equivalenceKey: title),
                        diagnostic);
                }
            }
        }

        /// <summary>The rewrite for one diagnostic, or null when it is not offered.</summary>
        private protected abstract object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken);

        /// <summary>Plans with equal keys are the same rewrite, reached from several diagnostics; by default each plan is its own.</summary>
        private protected virtual object PlanKey(object plan) => plan;

        /// <summary>Applies every plan of one document in one edit.</summary>
        private protected abstract Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken);

        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            private readonly PlannedCodeFixProvider _fixer;

            public FixAll(PlannedCodeFixProvider fixer) => _fixer = fixer;

            protected override string GetFixAllTitle(FixAllContext fixAllContext) => fixAllContext.CodeActionEquivalenceKey ?? _fixer.Title;

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                if (await document.GetRootAndModelAsync(cancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
                {
                    return document;
                }

                var plans = new Dictionary<object, object>();
                var ordered = new List<object>();
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    if (_fixer.TryCreatePlan(root, semanticModel, diagnostic, cancellationToken) is { } plan
                        && (fixAllContext.CodeActionEquivalenceKey is not { } chosen || _fixer.TitleOf(plan) == chosen)
                        && !plans.ContainsKey(_fixer.PlanKey(plan)))
                    {
                        plans.Add(_fixer.PlanKey(plan), plan);
                        ordered.Add(plan);
                    }
                }

                return ordered.Count == 0 ? document : await _fixer.ApplyAsync(document, ordered, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
