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
    /// The plan for one MEM001 fix: every accumulation of one string (<see cref="AccumulationTarget"/>) inside one loop
    /// becomes an <c>Append</c> on a builder declared before the loop, and the string is assigned back after the loop and,
    /// when others may see it, before every <c>return</c>, <c>throw</c> and <c>yield break</c> that leaves the loop.
    /// A plan exists only when that rewrite keeps behaviour: in the loop the string is used for nothing but the
    /// accumulations and statements that leave the loop (where it reads <c>builder.ToString()</c> or has been written
    /// back), nothing captures it, nothing looks at it after an exception is caught, and every accumulation has a form
    /// that maps onto <c>Append</c>.
    /// </summary>
    internal sealed class StringBuilderRewrite
    {
        private StringBuilderRewrite(
            AccumulationTarget target,
            StatementAnchor anchor,
            SyntaxNode memberBody,
            List<Accumulation> accumulations,
            List<IdentifierNameSyntax> readsAtExits,
            List<StatementSyntax> exits,
            bool writesBackAfterLoop)
        {
            Target = target;
            Anchor = anchor;
            MemberBody = memberBody;
            Accumulations = accumulations;
            ReadsAtExits = readsAtExits;
            Exits = exits;
            WritesBackAfterLoop = writesBackAfterLoop;
        }

        public AccumulationTarget Target { get; }

        /// <summary>The outermost loop that repeats the accumulations, as a node new statements can stand beside.</summary>
        public StatementAnchor Anchor { get; }

        public SyntaxNode MemberBody { get; }

        public List<Accumulation> Accumulations { get; }

        /// <summary>Reads of a local in statements that leave the loop (<c>return s;</c>): each becomes <c>builder.ToString()</c>.</summary>
        public List<IdentifierNameSyntax> ReadsAtExits { get; }

        /// <summary>The statements that leave the loop, before which the string is written back (none for a local).</summary>
        public List<StatementSyntax> Exits { get; }

        /// <summary>False when the loop never ends normally (<c>while (true)</c> left only by <c>return</c>): code after it is unreachable.</summary>
        public bool WritesBackAfterLoop { get; }

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
                || anchor.Node is LabeledStatementSyntax
                || FreshNames.EnclosingMemberBody(loop) is not { } memberBody
                || AccumulationTarget.Of(semanticModel.GetOperation(reported, cancellationToken), semanticModel, cancellationToken) is not { } target
                || target.Variable.DeclaringSyntaxReferences.Any(reference => loop.Span.Contains(reference.Span))
                || !LoopExits.TryFind(loop, out var exits))
            {
                // Not a string a builder can stand for, one declared by the loop itself (a 'for' initializer), a labeled
                // loop (a 'goto' would re-enter it past the builder's declaration), or one a 'goto' leaves past the write-back.
                return null;
            }

            var consumedReferences = new HashSet<SyntaxNode>();
            var accumulations = new List<Accumulation>();
            foreach (var assignment in loop.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var operation = semanticModel.GetOperation(assignment, cancellationToken);
                if (operation is null
                    || !StringAccumulation.TryMatch(operation, out var accumulated, out var form)
                    || !target.Denotes(accumulated))
                {
                    continue;
                }

                ExpressionSyntax? selfReference = null;
                var pieces = IsValueDiscarded(assignment) ? PiecesToAppend(assignment, form, semanticModel, cancellationToken, out selfReference) : null;
                if (pieces is null || (target.WritesBackAtExits && exits.Count > 0 && LoopExits.IsInFinally(assignment, loop)))
                {
                    // A 'finally' in the loop may append after the string was written back for a 'return'.
                    return null;
                }

                consumedReferences.Add(AccumulationTarget.VariableIdentifier(assignment.Left)!);
                if (selfReference is not null && AccumulationTarget.VariableIdentifier(selfReference) is { } selfIdentifier)
                {
                    consumedReferences.Add(selfIdentifier);
                }

                accumulations.Add(new Accumulation(assignment, pieces));
            }

            var uses = VariableUses.Find(semanticModel, memberBody, target.Variable, cancellationToken);
            var readsAtExits = new List<IdentifierNameSyntax>();
            foreach (var use in uses)
            {
                if (IsCaptured(use, target.Variable))
                {
                    return null;
                }

                if (!loop.Span.Contains(use.Span))
                {
                    if (use.SpanStart < loop.SpanStart && !target.AllowsUseBeforeLoop(use, semanticModel, cancellationToken))
                    {
                        return null;
                    }
                }
                else if (consumedReferences.Contains(use) || target.AllowsOtherUseInLoop(use, semanticModel, cancellationToken))
                {
                    continue;
                }
                else if (LoopExits.Enclosing(use, loop) is not null && IsPlainRead(use))
                {
                    // The loop is over: the string has been written back, or a local's read becomes builder.ToString().
                    if (!target.WritesBackAtExits)
                    {
                        readsAtExits.Add(use);
                    }
                }
                else
                {
                    return null;
                }
            }

            if (accumulations.Count == 0
                || LoopExits.IsObservedAfterException(loop, uses, callerSeesVariable: target.Kind == AccumulationTargetKind.OutParameter)
                || (target.Kind == AccumulationTargetKind.Member && memberBody.DescendantNodes().OfType<GotoStatementSyntax>().Any(IsJumpToLabel)))
            {
                // A 'goto' could run code after the loop, which may hand the object out, and then the loop again.
                return null;
            }

            var flow = semanticModel.AnalyzeControlFlow(loop);
            return new StringBuilderRewrite(
                target,
                anchor,
                memberBody,
                accumulations,
                readsAtExits,
                target.WritesBackAtExits ? exits : new List<StatementSyntax>(),
                writesBackAfterLoop: flow is null || !flow.Succeeded || flow.EndPointIsReachable);
        }

        private static bool IsLoopStatement(StatementSyntax statement)
            => statement is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

        private static bool IsJumpToLabel(GotoStatementSyntax statement) => statement.IsKind(SyntaxKind.GotoStatement);

        /// <summary>A read that <c>builder.ToString()</c> can stand in for: not a write, not passed by reference, not in <c>nameof</c>.</summary>
        private static bool IsPlainRead(IdentifierNameSyntax use)
            => !VariableUses.IsWrite(use)
            && !VariableUses.IsLentByReference(use)
            && !use.Ancestors().OfType<InvocationExpressionSyntax>().Any(call => call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

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
