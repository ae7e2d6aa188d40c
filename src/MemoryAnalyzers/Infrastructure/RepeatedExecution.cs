using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Answers "does this operation run again and again while a variable declared outside keeps its value?"
    /// Every walk here goes up the parent chain only, so the cost is the nesting depth, never the size of a
    /// method body: a generated method of 20,000 statements costs 20,000 short walks.
    /// </summary>
    internal static class RepeatedExecution
    {
        /// <summary>
        /// The innermost loop, lambda or local function between <paramref name="operation"/> and <paramref name="boundary"/>
        /// (exclusive; the root when null) that may run it more than once: a loop whose body or condition holds it, or any
        /// function. A <c>foreach</c> collection and a <c>for</c> initializer run once per loop and do not count. Null when
        /// there is none; <paramref name="top"/> is then the outermost operation reached.
        /// </summary>
        public static IOperation? Repeater(IOperation operation, IOperation? boundary, out IOperation top)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(child, boundary); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IForEachLoopOperation forEach when ReferenceEquals(forEach.Collection, child):
                    case IForLoopOperation forLoop when forLoop.Before.Contains(child):
                        break;
                    case ILoopOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        top = parent;
                        return parent;
                }
            }

            top = child;
            return null;
        }

        /// <summary>
        /// The loops (loop statements, or lambdas passed to <see cref="LoopCallbackTypes"/> methods) that repeat
        /// <paramref name="operation"/> and that do not declare <paramref name="variable"/>, innermost first.
        /// The walk stops at a lambda or local function that is merely declared: its body does not run with the loop.
        /// </summary>
        public static List<IOperation> EnclosingLoops(IOperation operation, ISymbol? variable, LoopCallbackTypes callbacks)
        {
            var loops = new List<IOperation>();
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILoopOperation loop when RepeatsChild(loop, child):
                        if (DeclaresVariable(loop, variable))
                        {
                            return loops;
                        }

                        loops.Add(loop);
                        break;

                    case IAnonymousFunctionOperation lambda:
                        if (!callbacks.IsLoopBody(lambda) || DeclaresVariable(lambda, variable))
                        {
                            return loops;
                        }

                        loops.Add(lambda);
                        break;

                    case ILocalFunctionOperation:
                        return loops;
                }
            }

            return loops;
        }

        /// <summary>
        /// True when the accumulation at <paramref name="site"/> is repeated by the innermost of <paramref name="loops"/>
        /// and is not followed, in the same iteration, by an unconditional exit from every loop that repeats it.
        /// </summary>
        public static bool IsRepeated(IOperation site, List<IOperation> loops)
        {
            foreach (var loop in loops)
            {
                switch (FindUnconditionalExit(site, loop))
                {
                    case LoopExit.None:
                        return true;
                    case LoopExit.LeavesEverything:
                        return false;
                    case LoopExit.LeavesThisLoop:
                        // The accumulation runs once per execution of this loop; an outer loop may still repeat it.
                        site = loop;
                        break;
                }
            }

            return false;
        }

        private enum LoopExit
        {
            None,
            LeavesThisLoop,
            LeavesEverything,
        }

        /// <summary>
        /// Looks, at each statement list between the site and the loop, at the list's last statement only:
        /// an unconditional jump is the last statement of its list in code without unreachable statements.
        /// </summary>
        private static LoopExit FindUnconditionalExit(IOperation site, IOperation loop)
        {
            var current = site;
            for (var parent = site.Parent; parent is not null && !ReferenceEquals(parent, loop); current = parent, parent = parent.Parent)
            {
                var statements = parent switch
                {
                    IBlockOperation block => block.Operations,
                    ISwitchCaseOperation section => section.Body,
                    _ => ImmutableArray<IOperation>.Empty,
                };
                if (statements.IsEmpty || ReferenceEquals(statements[statements.Length - 1], current))
                {
                    continue;
                }

                var exit = Classify(statements[statements.Length - 1], loop);
                if (exit != LoopExit.None)
                {
                    return exit;
                }
            }

            return LoopExit.None;
        }

        private static LoopExit Classify(IOperation statement, IOperation loop)
        {
            switch (statement)
            {
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return LoopExit.LeavesEverything;

                // In a lambda run per element, 'return' only moves on to the next element; 'yield return' comes back.
                case IReturnOperation { Kind: not OperationKind.YieldReturn }:
                    return loop is ILoopOperation ? LoopExit.LeavesEverything : LoopExit.None;

                case IBranchOperation { BranchKind: BranchKind.Break } branch when loop is ILoopOperation exitable:
                    return SymbolEqualityComparer.Default.Equals(branch.Target, exitable.ExitLabel) ? LoopExit.LeavesThisLoop : LoopExit.None;

                default:
                    return LoopExit.None;
            }
        }

        /// <summary>The initializer of a <c>for</c> and the collection of a <c>foreach</c> run once; everything else in a loop repeats.</summary>
        private static bool RepeatsChild(ILoopOperation loop, IOperation child)
        {
            switch (loop)
            {
                case IForLoopOperation forLoop:
                    return !forLoop.Before.Contains(child);
                case IForEachLoopOperation forEach:
                    return !ReferenceEquals(forEach.Collection, child);
                default:
                    return true;
            }
        }

        /// <summary>
        /// True when the variable is declared inside the loop, so that each iteration starts from a fresh value.
        /// A <c>for</c> initializer declares its variables once, before the first iteration.
        /// </summary>
        private static bool DeclaresVariable(IOperation loop, ISymbol? variable)
        {
            if (variable is not ILocalSymbol && variable is not IParameterSymbol)
            {
                return false;
            }

            if (loop is IForLoopOperation forLoop && variable is ILocalSymbol local && forLoop.Locals.Contains(local, SymbolEqualityComparer.Default))
            {
                return false;
            }

            var loopSpan = loop.Syntax.Span;
            foreach (var reference in variable.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == loop.Syntax.SyntaxTree && loopSpan.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
