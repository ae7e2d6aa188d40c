using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// A fixer whose fix for one diagnostic is a rewritten syntax root, or none when the rewrite would not keep behaviour.
    /// It registers one action per diagnostic under the title the rewrite names. Fix All applies the rewrites one after
    /// another, last first (<see cref="SequentialFixAll"/>), since most re-write runs of statements that the batch fixer's
    /// text merge would drop as conflicts; a fixer whose rewrites never overlap says so with <see cref="FixAllInOneBatch"/>.
    /// Fixers whose rewrites must land in one edit use <see cref="PlannedCodeFixProvider"/> instead.
    /// </summary>
    public abstract class RootRewriteCodeFixProvider : CodeFixProvider
    {
        /// <summary>The title of Fix All, which applies every rewrite this fixer offers, whatever its own title.</summary>
        private protected abstract string FixAllTitle { get; }

        /// <summary>True when the rewrites of one document never overlap, so Roslyn's batch fixer can merge them.</summary>
        private protected virtual bool FixAllInOneBatch => false;

        public sealed override FixAllProvider GetFixAllProvider() => FixAllInOneBatch
            ? WellKnownFixAllProviders.BatchFixer
            : new SequentialFixAll(FixAllTitle, (root, semanticModel, diagnostic, cancellationToken) => TryFix(root, semanticModel, diagnostic, cancellationToken, out _));

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            if (await context.Document.GetRootAndModelAsync(context.CancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (TryFix(root, semanticModel, diagnostic, context.CancellationToken, out var title) is { } newRoot)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(newRoot)), equivalenceKey: title),
                        diagnostic);
                }
            }
        }

        /// <summary>The rewritten root and the action's title; null when the fix is not offered.</summary>
        private protected abstract SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title);
    }
}
