using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// What a rule has worked out about one member body, computed the first time an operation callback inside that body
    /// finds a candidate, then shared by every later candidate of the same body. Created per compilation.
    /// </summary>
    /// <remarks>
    /// The rules react to compilation-wide operation callbacks on a few operation kinds and filter by symbol, instead of
    /// registering per-body callbacks: an operation-block-start action costs its allocations and driver bookkeeping in
    /// every body of the compilation, although most bodies hold nothing a rule looks for. The table is weak, so a body's
    /// operation tree is not kept alive by it.
    /// </remarks>
    internal sealed class BodyCache<T>
        where T : class
    {
        private readonly ConditionalWeakTable<IOperation, T> _table = new ConditionalWeakTable<IOperation, T>();
        private readonly ConditionalWeakTable<IOperation, T>.CreateValueCallback? _create;

        /// <summary>A cache whose values need more than the body: each call of <see cref="For(IOperation, Func{IOperation, T})"/> says how to compute one.</summary>
        public BodyCache()
        {
        }

        public BodyCache(Func<IOperation, T> create)
        {
            _create = body => create(body);
        }

        /// <summary>The value for the body that contains <paramref name="operation"/>, computed once per body.</summary>
        public T For(IOperation operation) => _table.GetValue(RootOf(operation), _create ?? throw new InvalidOperationException("no factory: call For(operation, create)"));

        /// <summary>As <see cref="For(IOperation)"/>, with a factory that may use the callback's own context (options, containing symbol).</summary>
        public T For(IOperation operation, Func<IOperation, T> create) => _table.GetValue(RootOf(operation), body => create(body));

        /// <summary>The root of the operation tree: the member body, field initializer or top-level statements.</summary>
        public static IOperation RootOf(IOperation operation)
        {
            while (operation.Parent is { } parent)
            {
                operation = parent;
            }

            return operation;
        }
    }
}
