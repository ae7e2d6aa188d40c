using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// Fix All that applies one fix after another within a document, last diagnostic first, re-binding after each.
    /// Used by fixes that re-write whole statement runs: the batch fixer's text merge treats two such edits in one
    /// block as a conflict and drops one. Going from the end of the file keeps the earlier diagnostics' spans valid.
    /// </summary>
    internal sealed class SequentialFixAll : DocumentBasedFixAllProvider
    {
        private readonly string _title;
        private readonly Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, SyntaxNode?> _fix;

        public SequentialFixAll(string title, Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, SyntaxNode?> fix)
        {
            _title = title;
            _fix = fix;
        }

        protected override string GetFixAllTitle(FixAllContext fixAllContext) => _title;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var cancellationToken = fixAllContext.CancellationToken;
            foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                if (await document.GetRootAndModelAsync(cancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
                {
                    return document;
                }

                var newRoot = _fix(root, semanticModel, diagnostic, cancellationToken);
                if (newRoot is not null)
                {
                    document = document.WithSyntaxRoot(newRoot);
                }
            }

            return document;
        }
    }
}
