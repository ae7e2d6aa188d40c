using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// The plan for one MEM001 fix: every accumulation of one string variable inside one loop becomes an
    /// <c>Append</c> on a builder declared before the loop, and the string is assigned back after it.
    /// A plan exists only when that rewrite keeps behaviour: the loop uses the variable for nothing but the
    /// accumulations, nothing captures it, and every accumulation has a form that maps onto <c>Append</c>.
    /// </summary>
    internal sealed class StringBuilderRewrite
    {
        private StringBuilderRewrite(ISymbol variable, StatementAnchor anchor, SyntaxNode memberBody, List<Accumulation> accumulations)
        {
            Variable = variable;
            Anchor = anchor;
            MemberBody = memberBody;
            Accumulations = accumulations;
        }

        public ISymbol Variable { get; }

        /// <summary>The outermost loop that repeats the accumulations, as a node new statements can stand beside.</summary>
        public StatementAnchor Anchor { get; }

        public SyntaxNode MemberBody { get; }

        public List<Accumulation> Accumulations { get; }

        /// <summary>One assignment to rewrite, and the expressions to append, in order.</summary>
        internal sealed class Accumulation
        {
            public Accumulation(AssignmentExpressionSyntax assignment, List<ExpressionSyntax> pieces)
            {
                Assignment = assignment;
                Pieces = pieces;
            }

            public AssignmentExpressionSyntax Assignment { get; }

            public List<ExpressionSyntax> Pieces { get; }
        }

        public static StringBuilderRewrite? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax reported
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not StatementSyntax loop
                || !IsLoopStatement(loop)
                || StatementAnchor.For(loop) is not { } anchor
                || FreshNames.EnclosingMemberBody(loop) is not { } memberBody)
            {
                return null;
            }

            var variable = RewritableVariable(semanticModel.GetOperation(reported, cancellationToken));
            if (variable is null || variable.DeclaringSyntaxReferences.Any(reference => loop.Span.Contains(reference.Span)))
            {
                // Not a plain local or by-value parameter, or declared by the loop itself (a 'for' initializer).
                return null;
            }

            var consumedReferences = new HashSet<SyntaxNode>();
            var accumulations = new List<Accumulation>();
            foreach (var assignment in loop.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var operation = semanticModel.GetOperation(assignment, cancellationToken);
                if (operation is null
                    || !StringAccumulation.TryMatch(operation, out var target, out var form)
                    || !SymbolEqualityComparer.Default.Equals(RewritableVariable(operation), variable))
                {
                    continue;
                }

                ExpressionSyntax? selfReference = null;
                var pieces = IsValueDiscarded(assignment) ? PiecesToAppend(assignment, form, semanticModel, cancellationToken, out selfReference) : null;
                if (pieces is null)
                {
                    return null;
                }

                consumedReferences.Add(assignment.Left);
                if (selfReference is not null)
                {
                    consumedReferences.Add(selfReference);
                }

                accumulations.Add(new Accumulation(assignment, pieces));
            }

            foreach (var identifier in memberBody.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != variable.Name
                    || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, variable))
                {
                    continue;
                }

                if (IsCaptured(identifier, variable) || (loop.Span.Contains(identifier.Span) && !consumedReferences.Contains(identifier)))
                {
                    return null;
                }
            }

            return accumulations.Count == 0 ? null : new StringBuilderRewrite(variable, anchor, memberBody, accumulations);
        }

        private static bool IsLoopStatement(StatementSyntax statement)
            => statement is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

        private static ISymbol? RewritableVariable(IOperation? assignment)
        {
            if (assignment is null || !StringAccumulation.TryMatch(assignment, out var target, out _))
            {
                return null;
            }

            return target switch
            {
                ILocalReferenceOperation { Local.IsRef: false } local => local.Local,
                IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter => parameter.Parameter,
                _ => null,
            };
        }

        /// <summary>An assignment whose value nobody reads: a statement of its own, or a <c>for</c> incrementor.</summary>
        private static bool IsValueDiscarded(AssignmentExpressionSyntax assignment)
            => assignment.Parent is ExpressionStatementSyntax
            || (assignment.Parent is ForStatementSyntax forStatement && forStatement.Incrementors.Contains(assignment));

        /// <summary>True when a lambda, anonymous method or local function between the reference and the declaration closes over the variable.</summary>
        private static bool IsCaptured(SyntaxNode reference, ISymbol variable)
        {
            var declarationSpan = variable.DeclaringSyntaxReferences.FirstOrDefault()?.Span;
            foreach (var ancestor in reference.Ancestors())
            {
                if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return declarationSpan is null || !ancestor.Span.Contains(declarationSpan.Value);
                }
            }

            return false;
        }

        /// <summary>The expressions to append, or null when the form cannot be rewritten without changing behaviour.</summary>
        private static List<ExpressionSyntax>? PiecesToAppend(
            AssignmentExpressionSyntax assignment,
            AccumulationForm form,
            SemanticModel semanticModel,
            CancellationToken cancellationToken,
            out ExpressionSyntax? selfReference)
        {
            selfReference = null;
            List<ExpressionSyntax> operands;
            switch (form)
            {
                case AccumulationForm.CompoundAdd:
                    operands = ConcatenationOperands(assignment.Right, semanticModel, cancellationToken);
                    break;

                case AccumulationForm.LeadingConcatenation:
                    operands = ConcatenationOperands(assignment.Right, semanticModel, cancellationToken);
                    selfReference = operands[0];
                    operands.RemoveAt(0);
                    break;

                case AccumulationForm.LeadingConcatCall:
                    if (assignment.Right.WalkDownParentheses() is not InvocationExpressionSyntax call
                        || call.ArgumentList.Arguments.Any(argument => argument.NameColon is not null))
                    {
                        return null;
                    }

                    operands = call.ArgumentList.Arguments.Select(argument => argument.Expression).ToList();
                    selfReference = operands[0];
                    operands.RemoveAt(0);
                    break;

                case AccumulationForm.LeadingInterpolation:
                    if (assignment.Right.WalkDownParentheses() is not InterpolatedStringExpressionSyntax interpolated
                        || !interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken)
                        || interpolated.Contents.Count < 2
                        || interpolated.Contents[0] is not InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole)
                    {
                        return null;
                    }

                    selfReference = hole.Expression.WalkDownParentheses();
                    operands = new List<ExpressionSyntax> { interpolated.WithContents(interpolated.Contents.RemoveAt(0)) };
                    break;

                default:
                    return null;
            }

            var pieces = new List<ExpressionSyntax>();
            foreach (var operand in operands)
            {
                // 'null' appends nothing in a concatenation; passed to Append it would be ambiguous.
                if (operand.IsKind(SyntaxKind.NullLiteralExpression))
                {
                    continue;
                }

                if (!AppendsLikeConcatenation(operand, semanticModel, cancellationToken))
                {
                    return null;
                }

                pieces.Add(operand);
            }

            return pieces.Count == 0 ? null : pieces;
        }

        /// <summary>
        /// Concatenation calls ToString() on an operand; Append does the same for every overload but two:
        /// a char[] appends its characters and dynamic binds at run time, so those are left alone.
        /// Operands of a new interpolated string (not yet in the tree) are the original holes, already checked.
        /// </summary>
        private static bool AppendsLikeConcatenation(ExpressionSyntax operand, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (operand.SyntaxTree != semanticModel.SyntaxTree)
            {
                return true;
            }

            var type = semanticModel.GetTypeInfo(operand, cancellationToken).Type;
            return type is not null
                && type.TypeKind != TypeKind.Error
                && type.TypeKind != TypeKind.Dynamic
                && !(type is IArrayTypeSymbol array && array.ElementType.SpecialType == SpecialType.System_Char);
        }

        /// <summary>
        /// The operands of a string <c>+</c> chain, left to right; operands that are not themselves string
        /// concatenations (<c>1 + 2</c> in <c>s + (1 + 2)</c>) stay whole, as do constants the compiler folds.
        /// </summary>
        private static List<ExpressionSyntax> ConcatenationOperands(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var operands = new List<ExpressionSyntax>();
            var pending = new Stack<ExpressionSyntax>();
            pending.Push(expression);
            while (pending.Count > 0)
            {
                var current = pending.Pop().WalkDownParentheses();
                if (current is BinaryExpressionSyntax binary
                    && binary.IsKind(SyntaxKind.AddExpression)
                    && semanticModel.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String
                    && !semanticModel.GetConstantValue(binary, cancellationToken).HasValue)
                {
                    pending.Push(binary.Right);
                    pending.Push(binary.Left);
                }
                else
                {
                    operands.Add(current);
                }
            }

            return operands;
        }
    }
}
