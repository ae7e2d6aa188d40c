using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM002 fix "Capture only the value used": <c>var dataLength = data.Length;</c> before the statement that creates
    /// the delegate, and <c>dataLength</c> inside it. The snapshot must equal what the delegate would read later, and
    /// taking it must not throw where the original code did not, so the fix is offered only for
    /// <list type="bullet">
    /// <item><c>.Length</c> of an array or string (which never changes),</item>
    /// <item><c>.Count</c>/<c>Count()</c> of a framework collection, or an element at a constant index of an array,
    /// that this method creates and uses, outside the delegate, only before the delegate is created and only through
    /// its own members (nothing else can change it afterwards); for an element, the index must be known to exist
    /// (constant length, enough initial elements, or an earlier statement of the block that wrote it),</item>
    /// </list>
    /// when the variable is never reassigned, is known not to be null, and the delegate is created once per execution
    /// of the variable's scope (no loop in between). See <see cref="ValueSnapshotPlan"/>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClosureCapturesLargeObjectFixer))]
    [Shared]
    public sealed class ClosureCapturesLargeObjectFixer : PlannedCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ClosureCapturesLargeObject);

        /// <summary>
        /// Applied in one edit per document (see <see cref="PlannedCodeFixProvider"/>): two copies made for one
        /// member must not get the same fresh name, and copies put before one statement must share its leading trivia once.
        /// </summary>
        private protected override string Title => "Capture only the value used";

        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            => ValueSnapshotPlan.TryCreate(root, semanticModel, diagnostic, cancellationToken);

        private protected override Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
            => ApplyAsync(document, plans.Cast<ValueSnapshotPlan>().ToList(), cancellationToken);

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<ValueSnapshotPlan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var endOfLine = editor.OriginalRoot.EndOfLine();
            var takenByMember = new Dictionary<SyntaxNode, HashSet<string>>();
            foreach (var group in plans.GroupBy(plan => plan.Anchor.Node))
            {
                var anchor = group.First().Anchor;
                var indentation = anchor.Indentation();
                var declarations = new List<SyntaxNode>();
                foreach (var plan in group)
                {
                    if (!takenByMember.TryGetValue(plan.MemberBody, out var taken))
                    {
                        taken = FreshNames.TakenNames(editor.SemanticModel, plan.MemberBody, anchor.Node.SpanStart);
                        takenByMember.Add(plan.MemberBody, taken);
                    }

                    var names = new Dictionary<string, string>();
                    foreach (var projection in plan.Projections)
                    {
                        var text = projection.ToString();
                        if (!names.TryGetValue(text, out var name))
                        {
                            name = FreshNames.Reserve(BaseName(plan.VariableName, projection), taken);
                            names.Add(text, name);
                            var leading = declarations.Count == 0 ? anchor.Node.GetLeadingTrivia() : indentation;
                            declarations.Add(anchor.Sibling(SyntaxFactory.ParseStatement($"var {name} = {text};")
                                .WithLeadingTrivia(leading)
                                .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine))));
                        }

                        editor.ReplaceNode(projection, SyntaxFactory.IdentifierName(name).WithTriviaFrom(projection));
                    }
                }

                editor.InsertBefore(anchor.Node, declarations);
                editor.ReplaceNode(anchor.Node, (current, _) => current.WithLeadingTrivia(indentation));
            }

            return editor.GetChangedDocument();
        }

        /// <summary><c>dataLength</c>, <c>itemsCount</c>, <c>firstBuffer</c> for <c>buffer[0]</c>, <c>bufferAt2</c> for <c>buffer[2]</c>.</summary>
        private static string BaseName(string variableName, ExpressionSyntax projection)
        {
            switch (projection)
            {
                case MemberAccessExpressionSyntax access:
                    return variableName + access.Name.Identifier.ValueText;
                case ElementAccessExpressionSyntax element:
                    var index = element.ArgumentList.Arguments[0].Expression.ToString();
                    return index == "0"
                        ? "first" + char.ToUpperInvariant(variableName[0]) + variableName.Substring(1)
                        : variableName + "At" + new string(index.Where(char.IsLetterOrDigit).ToArray());
                default:
                    return variableName + "Count";
            }
        }
    }
}
