using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>MEM001 fix "Use StringBuilder". See <see cref="StringBuilderRewrite"/> for when it is offered.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StringConcatenationInLoopFixer))]
    [Shared]
    public sealed class StringConcatenationInLoopFixer : CodeFixProvider
    {
        private const string Title = "Use StringBuilder";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.StringConcatenationInLoop);

        /// <summary>
        /// Not the batch fixer: accumulations of one variable in one loop share a builder, so Fix All must
        /// rewrite each (variable, loop) pair once rather than merge one textual change per diagnostic.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => new FixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var rewrite = StringBuilderRewrite.TryCreate(root, semanticModel, diagnostic, context.CancellationToken);
                if (rewrite is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, cancellationToken => ApplyAsync(context.Document, new[] { rewrite }, cancellationToken), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<StringBuilderRewrite> rewrites, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var endOfLine = EndOfLine(editor.OriginalRoot);
            var takenNamesByMember = new Dictionary<SyntaxNode, HashSet<string>>();

            foreach (var loopRewrites in rewrites.GroupBy(rewrite => rewrite.Anchor.Node))
            {
                var anchor = loopRewrites.First().Anchor;
                var indentation = anchor.Indentation();
                var declarations = new List<SyntaxNode>();
                var assignmentsBack = new List<SyntaxNode>();
                foreach (var rewrite in loopRewrites)
                {
                    if (!takenNamesByMember.TryGetValue(rewrite.MemberBody, out var takenNames))
                    {
                        takenNames = FreshNames.TakenNames(editor.SemanticModel, rewrite.MemberBody, anchor.Node.SpanStart);
                        takenNamesByMember.Add(rewrite.MemberBody, takenNames);
                    }

                    var variableName = Escaped(rewrite.Variable.Name);
                    var builderName = FreshNames.Reserve(rewrite.Variable.Name + "Builder", takenNames);
                    foreach (var accumulation in rewrite.Accumulations)
                    {
                        editor.ReplaceNode(accumulation.Assignment, AppendChain(builderName, accumulation));
                    }

                    // The first new statement takes over the loop's leading trivia (blank lines, comments).
                    var leading = declarations.Count == 0 ? anchor.Node.GetLeadingTrivia() : indentation;
                    var mayImport = MayImportSystemText(editor.SemanticModel, anchor.Node.SpanStart);
                    declarations.Add(anchor.Sibling(BuilderDeclaration(builderName, variableName, mayImport).WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
                    assignmentsBack.Add(anchor.Sibling(
                        SyntaxFactory.ParseStatement($"{variableName} = {builderName}.ToString();").WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine)));
                }

                editor.InsertBefore(anchor.Node, declarations);
                editor.ReplaceNode(anchor.Node, (current, _) => current.WithLeadingTrivia(indentation));
                // One node at a time, last first: each lands right after the loop, so they end up in order.
                for (var i = assignmentsBack.Count - 1; i >= 0; i--)
                {
                    editor.InsertAfter(anchor.Node, assignmentsBack[i]);
                }
            }

            var changed = editor.GetChangedDocument();
            changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The type is written fully qualified and left to the simplifier, which shortens it to <c>StringBuilder</c>
        /// where that name means System.Text.StringBuilder, adding <c>using System.Text;</c> only when no other
        /// type of that name is in scope.
        /// </summary>
        private static StatementSyntax BuilderDeclaration(string builderName, string variableName, bool mayImport)
        {
            var declaration = SyntaxFactory.ParseStatement($"var {builderName} = new global::System.Text.StringBuilder({variableName});");
            var type = declaration.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().First().Type;
            var annotated = mayImport
                ? type.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)
                : type.WithAdditionalAnnotations(Simplifier.Annotation);
            return declaration.ReplaceNode(type, annotated);
        }

        private static bool MayImportSystemText(SemanticModel semanticModel, int position)
            => semanticModel.LookupNamespacesAndTypes(position, name: "StringBuilder")
                .All(symbol => symbol.ToDisplayString() == "System.Text.StringBuilder");

        /// <summary>
        /// <c>builder.Append(a).Append(b)</c>, keeping the trivia of the assignment it replaces. Parsed from text rather
        /// than built with SyntaxFactory, whose elastic trivia would let the cleanup re-format the user's line.
        /// </summary>
        private static ExpressionSyntax AppendChain(string builderName, StringBuilderRewrite.Accumulation accumulation)
        {
            var text = new StringBuilder(builderName);
            foreach (var piece in accumulation.Pieces)
            {
                text.Append(".Append(").Append(piece.ToString()).Append(')');
            }

            return SyntaxFactory.ParseExpression(text.ToString()).WithTriviaFrom(accumulation.Assignment);
        }

        private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

        private static SyntaxTrivia EndOfLine(SyntaxNode root)
            => root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found
                ? found
                : SyntaxFactory.EndOfLine("\n");

        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            protected override string GetFixAllTitle(FixAllContext fixAllContext) => Title;

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null)
                {
                    return document;
                }

                // Several diagnostics (one per accumulation) share one rewrite of their variable and loop.
                var rewrites = new Dictionary<(SyntaxNode Loop, ISymbol Variable), StringBuilderRewrite>();
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    var rewrite = StringBuilderRewrite.TryCreate(root, semanticModel, diagnostic, cancellationToken);
                    if (rewrite is not null && !rewrites.ContainsKey((rewrite.Anchor.Node, rewrite.Variable)))
                    {
                        rewrites.Add((rewrite.Anchor.Node, rewrite.Variable), rewrite);
                    }
                }

                return rewrites.Count == 0 ? document : await ApplyAsync(document, rewrites.Values, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
