using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>Whether a call runs in a finally, in a catch, or in neither.</summary>
    internal enum HandlerPosition
    {
        None,
        Finally,
        Catch,
    }

    /// <summary>Where an operation sits in its function: which function, which handler, which statement. Walks go up the parent chain only.</summary>
    internal static class FunctionStructure
    {
        /// <summary>The lambda, local function or member body that contains <paramref name="operation"/>.</summary>
        public static IOperation EnclosingFunction(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return parent;
                }

                current = parent;
            }

            return current;
        }

        /// <summary>Where a call sits relative to the try statements around it, up to <paramref name="function"/>.</summary>
        public static HandlerPosition PositionInHandlers(IOperation operation, IOperation function)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(child, function); child = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation tryOperation && ReferenceEquals(tryOperation.Finally, child))
                {
                    return HandlerPosition.Finally;
                }

                if (parent is ICatchClauseOperation)
                {
                    return HandlerPosition.Catch;
                }
            }

            return HandlerPosition.None;
        }

        /// <summary>True inside the finally of a try, or inside a catch (the code releases on the error path itself).</summary>
        public static bool IsInFinallyOrCatch(IOperation operation, IOperation function)
            => PositionInHandlers(operation, function) != HandlerPosition.None;

        /// <summary>The statement just before <paramref name="statement"/> in <paramref name="block"/>, or null when it is the first.</summary>
        public static IOperation? PreviousStatement(IOperation statement, IBlockOperation block)
            => IndexInBlock(block, statement) is { } index && index > 0 ? block.Operations[index - 1] : null;

        /// <summary>True when <paramref name="next"/> is the statement right after <paramref name="statement"/> in the same block.</summary>
        public static bool IsRightAfter(IOperation next, IOperation statement, IBlockOperation block)
            => IndexInBlock(block, statement) is { } index
                && index + 1 < block.Operations.Length
                && ReferenceEquals(block.Operations[index + 1], next);

        /// <summary>
        /// The index of a statement in its block, or null when it is not one of the block's statements. A binary search on
        /// positions (statements do not overlap): a linear scan of a 20,000-statement block per callback would be quadratic.
        /// Implicit statements may share a position, so a miss at the right position falls back to a scan.
        /// </summary>
        public static int? IndexInBlock(IBlockOperation block, IOperation statement)
        {
            var operations = block.Operations;
            var start = statement.Syntax.SpanStart;
            int low = 0, high = operations.Length - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var position = operations[middle].Syntax.SpanStart;
                if (position < start)
                {
                    low = middle + 1;
                }
                else if (position > start)
                {
                    high = middle - 1;
                }
                else
                {
                    return ReferenceEquals(operations[middle], statement) ? middle : LinearIndexOf(operations, statement);
                }
            }

            return LinearIndexOf(operations, statement);
        }

        private static int? LinearIndexOf(ImmutableArray<IOperation> operations, IOperation statement)
        {
            var index = operations.IndexOf(statement);
            return index < 0 ? null : index;
        }

        /// <summary>
        /// True for a <c>try</c> with a catch of every exception (<c>catch</c>, <c>catch (Exception)</c>, no filter) after
        /// which control always reaches the next statement: nothing in it returns, jumps or throws out of a handler.
        /// </summary>
        public static bool AlwaysFallsThrough(ITryOperation tryOperation, ITypeSymbol? exceptionType)
        {
            if (tryOperation.Finally is not null)
            {
                return false;
            }

            var catchesEverything = false;
            foreach (var clause in tryOperation.Catches)
            {
                catchesEverything |= clause.Filter is null
                    && (clause.ExceptionType.SpecialType == SpecialType.System_Object
                        || SymbolEqualityComparer.Default.Equals(clause.ExceptionType, exceptionType));
                foreach (var operation in clause.Handler.DescendantsAndSelf())
                {
                    if (operation is IThrowOperation or IReturnOperation or IBranchOperation)
                    {
                        return false;
                    }
                }
            }

            if (!catchesEverything)
            {
                return false;
            }

            foreach (var operation in tryOperation.Body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return } or IBranchOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The statement that contains <paramref name="operation"/> directly in a block, with that block; null when the
        /// statement is embedded (the body of an <c>if</c> without braces).
        /// </summary>
        public static IOperation? StatementInBlock(IOperation operation, out IBlockOperation? block)
        {
            block = null;
            for (var current = operation; current.Parent is { } parent; current = parent)
            {
                if (parent is IBlockOperation found)
                {
                    block = found;
                    return current;
                }

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }
            }

            return null;
        }
    }
}
