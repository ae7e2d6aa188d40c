using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>Whether the Dispose calls MEM004 found for a local cover every path out of the function, and if not, which exit skips them.</summary>
    internal static class DisposalPaths
    {
        /// <summary>How many returns between the declaration and the last Dispose call are checked per local.</summary>
        private const int MaxReturnsChecked = 64;

        /// <summary>
        /// True when the calls cover every path: one in a finally; or a call in a catch (the error path) with a plain call
        /// (the normal path) and no early return that skips both; or a call right after the declaration.
        /// <paramref name="skippingExit"/> is set to a return that leaves between the declaration and the last plain
        /// Dispose call without passing any of them (the explicit calls prove the method owns the object).
        /// </summary>
        public static bool AreCovered(
            IVariableDeclaratorOperation declarator,
            IOperation function,
            List<IOperation> disposeCalls,
            List<IReturnOperation> returns,
            out IReturnOperation? skippingExit)
        {
            skippingExit = null;
            bool inCatch = false, outsideHandlers = false;
            IOperation? lastPlain = null;
            foreach (var call in disposeCalls)
            {
                switch (FunctionStructure.PositionInHandlers(call, function))
                {
                    case HandlerPosition.Finally:
                        return true;
                    case HandlerPosition.Catch:
                        inCatch = true;
                        break;
                    default:
                        outsideHandlers = true;
                        if (lastPlain is null || call.Syntax.SpanStart > lastPlain.Syntax.SpanStart)
                        {
                            lastPlain = call;
                        }

                        break;
                }
            }

            if (lastPlain is not null)
            {
                skippingExit = FirstSkippingExit(declarator, function, disposeCalls, lastPlain, returns);
                if (skippingExit is not null)
                {
                    return false;
                }
            }

            if (inCatch && outsideHandlers)
            {
                // Disposed in a catch on the error path, and by a plain call on the normal path.
                return true;
            }

            return disposeCalls.Count == 1 && IsNextStatement(declarator, disposeCalls[0]);
        }

        /// <summary>
        /// The first <c>return</c> of the function after the declaration and before <paramref name="lastPlain"/> that no
        /// Dispose call before it in an enclosing block covers. Returns are in source order, so a binary search finds the range.
        /// </summary>
        private static IReturnOperation? FirstSkippingExit(
            IVariableDeclaratorOperation declarator, IOperation function, List<IOperation> disposeCalls, IOperation lastPlain, List<IReturnOperation> returns)
        {
            var from = declarator.Syntax.Span.End;
            var to = lastPlain.Syntax.SpanStart;
            var index = LowerBound(returns, from);
            for (var checkedCount = 0; index < returns.Count && checkedCount < MaxReturnsChecked; index++, checkedCount++)
            {
                var exit = returns[index];
                if (exit.Syntax.SpanStart >= to)
                {
                    break;
                }

                if (ReferenceEquals(FunctionStructure.EnclosingFunction(exit), function)
                    && FunctionStructure.PositionInHandlers(exit, function) == HandlerPosition.None
                    && !IsCovered(exit, disposeCalls))
                {
                    return exit;
                }
            }

            return null;
        }

        /// <summary>A Dispose call before the exit, in a block that encloses the exit, runs on the way to it.</summary>
        private static bool IsCovered(IOperation exit, List<IOperation> disposeCalls)
        {
            foreach (var call in disposeCalls)
            {
                if (call.Syntax.SpanStart < exit.Syntax.SpanStart
                    && FunctionStructure.StatementInBlock(call, out var block) is not null
                    && block!.Syntax.Span.Contains(exit.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static int LowerBound(List<IReturnOperation> returns, int position)
        {
            int low = 0, high = returns.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (returns[middle].Syntax.SpanStart < position)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>The Dispose call is the statement right after the declaration: nothing can throw or leave in between.</summary>
        private static bool IsNextStatement(IOperation declarator, IOperation disposeCall)
        {
            if (FunctionStructure.StatementInBlock(declarator, out var declarationBlock) is not { } declaration
                || FunctionStructure.StatementInBlock(disposeCall, out var disposeBlock) is not { } dispose
                || !ReferenceEquals(declarationBlock, disposeBlock))
            {
                return false;
            }

            return FunctionStructure.IsRightAfter(dispose, declaration, declarationBlock!);
        }
    }
}
