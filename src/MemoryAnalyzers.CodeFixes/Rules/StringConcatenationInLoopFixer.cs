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

        /// <summary>Accumulations of one variable in one loop share one builder: their diagnostics are one rewrite.</summary>
        private protected override object PlanKey(object plan) => (((StringBuilderRewrite)plan).Anchor.Node, ((StringBuilderRewrite)plan).Variable);

        private protected override Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
            => ApplyAsync(document, plans.Cast<StringBuilderRewrite>().ToList(), cancellationToken);

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<StringBuilderRewrite> rewrites, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var endOfLine = SyntaxFactory.EndOfLine(editor.OriginalRoot.EndOfLine());
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
    }
}
