using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// What both MEM012 fixes start from: <c>var buffer = new T[N];</c> alone in a local declaration statement of a block,
    /// and every reference to the local in the member. <c>N</c> is a constant &gt; 0, or a length the analyzer found a
    /// least value for (<see cref="TemporaryArrayNotPooledAnalyzer.MinimumLengthProperty"/>), so never negative.
    /// </summary>
    internal sealed class BufferDeclaration
    {
        private BufferDeclaration(ArrayCreationExpressionSyntax creation, LocalDeclarationStatementSyntax declaration, BlockSyntax block, ILocalSymbol local, ExpressionSyntax sizeSyntax, int? size)
        {
            Creation = creation;
            Declaration = declaration;
            Block = block;
            Local = local;
            SizeSyntax = sizeSyntax;
            Size = size;
        }

        public ArrayCreationExpressionSyntax Creation { get; }

        public LocalDeclarationStatementSyntax Declaration { get; }

        public BlockSyntax Block { get; }

        public ILocalSymbol Local { get; }

        public ExpressionSyntax SizeSyntax { get; }

        /// <summary>The constant length; null for a length that is not a constant.</summary>
        public int? Size { get; }

        /// <summary>Every reference to the local, each with its operation, all in the function that declares it.</summary>
        public List<ILocalReferenceOperation> Uses { get; } = new List<ILocalReferenceOperation>();

        /// <summary>False when another variable or member of the same name appears in the member: the declaration cannot move to an outer scope.</summary>
        public bool NameIsUnique { get; private set; } = true;

        /// <summary>
        /// The loop statement whose body the declaration opens, when that loop is itself a statement of a block and the
        /// declaration carries no comment: where a declaration moved out of the loop goes.
        /// </summary>
        public StatementSyntax? OpenedLoop
            => Block.Statements.IndexOf(Declaration) == 0
                && NameIsUnique
                && !Declaration.GetLeadingTrivia().Any(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                && Block.Parent is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax
                && Block.Parent is StatementSyntax { Parent: BlockSyntax } loop
                ? loop
                : null;

        /// <summary>The declaration reported by <paramref name="diagnostic"/>, or null when it is not of the shape, or a reference sits in another function.</summary>
        public static BufferDeclaration? TryMatch(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ArrayCreationExpressionSyntax { Initializer: null } creation
                || creation.Type.RankSpecifiers.Count != 1
                || creation.Type.RankSpecifiers[0].Sizes.Count != 1
                || creation.Parent is not EqualsValueClauseSyntax
                {
                    Parent: VariableDeclaratorSyntax
                    {
                        Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declaration },
                    } declarator,
                }
                || declaration.Modifiers.Count != 0
                || !declaration.UsingKeyword.IsKind(SyntaxKind.None)
                || creation.Type.RankSpecifiers[0].Sizes[0] is not { } sizeSyntax
                || !IsConstantOrBounded(semanticModel, sizeSyntax, diagnostic, cancellationToken, out var size)
                || semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
                || FreshNames.EnclosingMemberBody(declaration) is not { } memberBody
                || semanticModel.GetOperation(declarator, cancellationToken) is not { } declared)
            {
                return null;
            }

            var found = new BufferDeclaration(creation, declaration, block, local, sizeSyntax, size);
            var function = FunctionStructure.EnclosingFunction(declared);
            foreach (var token in memberBody.DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != local.Name || token == declarator.Identifier)
                {
                    continue;
                }

                if (token.Parent is not IdentifierNameSyntax name
                    || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(name, cancellationToken).Symbol, local))
                {
                    found.NameIsUnique = false;
                    continue;
                }

                if (semanticModel.GetOperation(name, cancellationToken) is not ILocalReferenceOperation use
                    || !ReferenceEquals(FunctionStructure.EnclosingFunction(use), function))
                {
                    return null;
                }

                found.Uses.Add(use);
            }

            return found;
        }

        /// <summary>True for a positive constant length (<paramref name="size"/> is its value) or a length the analyzer bounded below (<paramref name="size"/> is null).</summary>
        private static bool IsConstantOrBounded(SemanticModel semanticModel, ExpressionSyntax sizeSyntax, Diagnostic diagnostic, CancellationToken cancellationToken, out int? size)
        {
            size = semanticModel.GetConstantValue(sizeSyntax, cancellationToken) is { HasValue: true, Value: int constant } ? constant : null;
            return size > 0
                || (size is null && !semanticModel.GetConstantValue(sizeSyntax, cancellationToken).HasValue
                    && DiagnosticProperties.Number(diagnostic, TemporaryArrayNotPooledAnalyzer.MinimumLengthProperty) is not null);
        }

        /// <summary>The index in <see cref="Block"/> of the statement that holds <paramref name="use"/>.</summary>
        public int StatementIndexOf(IOperation use)
            => Block.Statements.IndexOf(use.Syntax.AncestorsAndSelf().OfType<StatementSyntax>().First(statement => statement.Parent == Block));
    }
}
