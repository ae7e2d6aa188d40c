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
    public sealed class StringConcatenationInLoopFixer : PlannedCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.StringConcatenationInLoop);

        private protected override string Title => "Use StringBuilder";

        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            => StringBuilderRewrite.TryCreate(root, semanticModel, diagnostic, cancellationToken);

        /// <summary>Accumulations of one string in one loop share one builder: their diagnostics are one rewrite.</summary>
        private protected override object PlanKey(object plan)
        {
            var rewrite = (StringBuilderRewrite)plan;
            return (rewrite.Anchor.Node, rewrite.Target.Variable, rewrite.Target.Member);
        }

        private protected override Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
            => ApplyAsync(document, plans.Cast<StringBuilderRewrite>().ToList(), cancellationToken);

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<StringBuilderRewrite> rewrites, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var endOfLine = SyntaxFactory.EndOfLine(editor.OriginalRoot.EndOfLine());
            var takenNamesByMember = new Dictionary<SyntaxNode, HashSet<string>>();
            // Several strings may be written back before one 'return': each exit is edited once, with all of them.
            var writeBacksByExit = new Dictionary<StatementSyntax, List<StatementSyntax>>();
            var exits = new List<StatementSyntax>();

            foreach (var loopRewrites in rewrites.GroupBy(rewrite => rewrite.Anchor.Node))
            {
                var anchor = loopRewrites.First().Anchor;
                var indentation = anchor.Indentation();
                var declarations = new List<StatementSyntax>();
                var assignmentsBack = new List<SyntaxNode>();
                foreach (var rewrite in loopRewrites)
                {
                    if (!takenNamesByMember.TryGetValue(rewrite.MemberBody, out var takenNames))
                    {
                        takenNames = FreshNames.TakenNames(editor.SemanticModel, rewrite.MemberBody, anchor.Node.SpanStart);
                        takenNamesByMember.Add(rewrite.MemberBody, takenNames);
                    }

                    var target = rewrite.Target.Text;
                    var builderName = FreshNames.Reserve(rewrite.Target.BuilderName, takenNames);
                    foreach (var accumulation in rewrite.Accumulations)
                    {
                        editor.ReplaceNode(accumulation.Assignment, AppendChain(builderName, accumulation));
                    }

                    foreach (var read in rewrite.ReadsAtExits)
                    {
                        editor.ReplaceNode(read, SyntaxFactory.ParseExpression(builderName + ".ToString()").WithTriviaFrom(read));
                    }

                    foreach (var exit in rewrite.Exits)
                    {
                        if (!writeBacksByExit.TryGetValue(exit, out var writeBacks))
                        {
                            writeBacks = new List<StatementSyntax>();
                            writeBacksByExit.Add(exit, writeBacks);
                            exits.Add(exit);
                        }

                        writeBacks.Add(WriteBack(target, builderName));
                    }

                    var mayImport = MayImportSystemText(editor.SemanticModel, anchor.Node.SpanStart);
                    declarations.Add(BuilderDeclaration(builderName, target, mayImport));
                    if (rewrite.WritesBackAfterLoop)
                    {
                        assignmentsBack.Add(anchor.Sibling(WriteBack(target, builderName).WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine)));
                    }
                }

                InsertBefore(editor, anchor, declarations, endOfLine);
                // One node at a time, last first: each lands right after the loop, so they end up in order.
                for (var i = assignmentsBack.Count - 1; i >= 0; i--)
                {
                    editor.InsertAfter(anchor.Node, assignmentsBack[i]);
                }
            }

            foreach (var exit in exits)
            {
                if (StatementAnchor.For(exit) is { } exitAnchor)
                {
                    InsertBefore(editor, exitAnchor, writeBacksByExit[exit], endOfLine);
                }
                else
                {
                    var layout = EmbeddedLayout.Of(exit);
                    editor.ReplaceNode(exit, (current, _) => layout.InBlock(writeBacksByExit[exit], (StatementSyntax)current, endOfLine));
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
        private static StatementSyntax BuilderDeclaration(string builderName, string target, bool mayImport)
        {
            var declaration = SyntaxFactory.ParseStatement($"var {builderName} = new global::System.Text.StringBuilder({target});");
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

        /// <summary><c>s = builder.ToString();</c>, without trivia.</summary>
        private static StatementSyntax WriteBack(string target, string builderName) => SyntaxFactory.ParseStatement($"{target} = {builderName}.ToString();");

        /// <summary>
        /// New statements (without trivia) before a statement of a list. When the statement starts its line, each new one
        /// gets a line of its own at the same indentation and the first takes over the statement's leading trivia (blank
        /// lines, comments); when it shares its line (<c>case 1: return s;</c>), they go on that line before it.
        /// </summary>
        private static void InsertBefore(DocumentEditor editor, StatementAnchor anchor, List<StatementSyntax> statements, SyntaxTrivia endOfLine)
        {
            var node = anchor.Node;
            var startsLine = EmbeddedLayout.StartsLine(node);
            var indentation = startsLine ? anchor.Indentation() : default;
            var separator = startsLine ? endOfLine : SyntaxFactory.Space;
            var placed = statements.Select((statement, i) => anchor.Sibling(
                statement.WithLeadingTrivia(i == 0 ? node.GetLeadingTrivia() : indentation).WithTrailingTrivia(separator)));
            editor.InsertBefore(node, placed);
            editor.ReplaceNode(node, (current, _) => current.WithLeadingTrivia(indentation));
        }
    }
}
