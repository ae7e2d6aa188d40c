using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM003 fix "Give the closure its own block": the statement that holds the other closure (the one that captures
    /// the large variable) moves into a new block that starts with a copy of the variable, and that closure uses the
    /// copy. The copy lives in the new block's closure object, so the long-lived delegate no longer reaches it.
    /// Offered only when nothing else can tell the difference: the variable is a plain local or by-value parameter that
    /// is never written, no other closure captures it, the statement is directly in a block and declares nothing but,
    /// at most, one local (then split into a declaration and an assignment), and the other closure is a lambda or
    /// anonymous method (moving a local function would hide it from its callers).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedClosureKeepsLargeObjectFixer))]
    [Shared]
    public sealed class SharedClosureKeepsLargeObjectFixer : RootRewriteCodeFixProvider
    {
        private const string Title = "Give the closure its own block";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SharedClosureKeepsLargeObject);

        private protected override string FixAllTitle => Title;

        /// <summary>Each rewrite splits one statement: the batch fixer merges them.</summary>
        private protected override bool FixAllInOneBatch => true;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = Title;
            if (TryRewrite(root, semanticModel, diagnostic, cancellationToken) is not { } rewrite)
            {
                return null;
            }

            // One replacement, or a statement inserted before the rewritten one (the anchor is a statement of a block).
            return rewrite.Replacement.Length == 1
                ? root.ReplaceNode(rewrite.Anchor, rewrite.Replacement[0])
                : root.ReplaceNode(rewrite.Anchor, rewrite.Replacement);
        }

        private static (SyntaxNode Anchor, SyntaxNode[] Replacement)? TryRewrite(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || DiagnosticProperties.Text(diagnostic, SharedClosureKeepsLargeObjectAnalyzer.VariablePropertyName) is not { } variableName
                || variableName is null
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not AnonymousFunctionExpressionSyntax closure
                || closure.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
                || StatementAnchor.For(statement) is not { } anchor
                || anchor.Node is LabeledStatementSyntax
                || FreshNames.EnclosingMemberBody(statement) is not { } memberBody)
            {
                return null;
            }

            var variable = closure.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(identifier => identifier.Identifier.ValueText == variableName)
                .Select(identifier => semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol)
                .FirstOrDefault(symbol => symbol is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None });
            if (variable is null)
            {
                return null;
            }

            var uses = VariableUses.Find(semanticModel, memberBody, variable, cancellationToken);
            foreach (var use in uses)
            {
                var insideClosure = closure.Span.Contains(use.Span);
                if (VariableUses.IsWrite(use)
                    || (!insideClosure && VariableUses.IsInsideFunction(use, memberBody))
                    || (insideClosure && use.Ancestors().Any(ancestor => ancestor is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })))
                {
                    return null;
                }
            }

            // The copy must be taken where the variable already has its value: after its declaration, in its scope.
            if (variable is ILocalSymbol && variable.DeclaringSyntaxReferences.FirstOrDefault()?.Span.End > statement.SpanStart)
            {
                return null;
            }

            var endOfLine = root.EndOfLine();
            var indentation = anchor.Indentation().ToFullString();
            var taken = FreshNames.TakenNames(semanticModel, memberBody, statement.SpanStart);
            var copyName = FreshNames.Reserve(variable.Name + "Copy", taken);
            var inClosure = uses.Where(use => closure.Span.Contains(use.Span)).ToList();
            var renamed = statement.ReplaceNodes(inClosure, (original, _) => SyntaxFactory.IdentifierName(copyName).WithTriviaFrom(original));
            var inner = indentation + "    ";
            var copyLine = inner + "var " + copyName + " = " + Escaped(variable.Name) + ";" + endOfLine;

            if (renamed is LocalDeclarationStatementSyntax declaration)
            {
                return SplitDeclaration(semanticModel, anchor, (LocalDeclarationStatementSyntax)statement, declaration, copyLine, indentation, inner, endOfLine, cancellationToken);
            }

            if (DeclaresOutsideClosures(statement) || VariableUses.Reindented(renamed, "    ", endOfLine) is not { } body)
            {
                return null;
            }

            var block = ParseBlock("{" + endOfLine + copyLine + inner + body + endOfLine + indentation + "}", statement);
            return block is null ? null : (anchor.Node, new[] { anchor.Sibling(block) });
        }

        /// <summary><c>var t = Task.Run(() =&gt; Crc(data));</c> becomes <c>Task&lt;int&gt; t;</c> and a block that assigns it.</summary>
        private static (SyntaxNode Anchor, SyntaxNode[] Replacement)? SplitDeclaration(
            SemanticModel semanticModel,
            StatementAnchor anchor,
            LocalDeclarationStatementSyntax original,
            LocalDeclarationStatementSyntax renamed,
            string copyLine,
            string indentation,
            string inner,
            string endOfLine,
            CancellationToken cancellationToken)
        {
            if (original.UsingKeyword != default
                || original.IsConst
                || original.Declaration.Variables.Count != 1
                || renamed.Declaration.Variables[0].Initializer is not { } initializer
                || DeclaresOutsideClosures(initializer.Value)
                || semanticModel.GetDeclaredSymbol(original.Declaration.Variables[0], cancellationToken) is not ILocalSymbol { IsRef: false } local
                || local.Type is IErrorTypeSymbol
                || ContainsAnonymousType(local.Type)
                || VariableUses.Reindented(initializer.Value, "    ", endOfLine) is not { } value)
            {
                return null;
            }

            var typeText = original.Declaration.Type.IsVar
                ? local.Type.ToMinimalDisplayString(semanticModel, original.SpanStart)
                : original.Declaration.Type.ToString();
            var modifiers = new StringBuilder();
            foreach (var modifier in original.Modifiers)
            {
                modifiers.Append(modifier.Text).Append(' ');
            }

            if (modifiers.Length > 0)
            {
                // 'scoped' and similar change meaning when split; stay out of the way.
                return null;
            }

            var name = renamed.Declaration.Variables[0].Identifier.Text;
            var declaration = SyntaxFactory.ParseStatement(typeText + " " + name + ";");
            var block = ParseBlock("{" + endOfLine + copyLine + inner + name + " = " + value + ";" + endOfLine + indentation + "}", original);
            if (declaration.ContainsDiagnostics || block is null)
            {
                return null;
            }

            declaration = declaration.WithLeadingTrivia(original.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
            block = block.WithLeadingTrivia(anchor.Indentation());
            return (anchor.Node, new[] { anchor.Sibling(declaration), anchor.Sibling(block) });
        }

        private static StatementSyntax? ParseBlock(string text, StatementSyntax original)
        {
            var block = SyntaxFactory.ParseStatement(text, options: original.SyntaxTree.Options);
            return block is BlockSyntax && !block.ContainsDiagnostics
                ? block.WithLeadingTrivia(original.GetLeadingTrivia()).WithTrailingTrivia(original.GetTrailingTrivia())
                : null;
        }

        /// <summary>Declaration expressions and pattern variables outside lambdas are visible after the statement: a block would hide them.</summary>
        private static bool DeclaresOutsideClosures(SyntaxNode node)
            => node.DescendantNodesAndSelf(descendIntoChildren: child => child is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
                .Any(child => child is SingleVariableDesignationSyntax or DeclarationExpressionSyntax or LocalFunctionStatementSyntax or LabeledStatementSyntax
                    || (child is LocalDeclarationStatementSyntax && child != node));

        private static bool ContainsAnonymousType(ITypeSymbol type) => type switch
        {
            { IsAnonymousType: true } => true,
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsAnonymousType),
            IArrayTypeSymbol array => ContainsAnonymousType(array.ElementType),
            _ => false,
        };

        private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
    }
}
