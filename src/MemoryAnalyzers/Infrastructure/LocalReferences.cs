using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>Every reference to one local in a body, in source order, and what holds for all of them.</summary>
    internal sealed class LocalReferences
    {
        private readonly List<ILocalReferenceOperation> _references = new List<ILocalReferenceOperation>();
        private IOperation? _function;
        private bool _complete;

        public IReadOnlyList<ILocalReferenceOperation> Sorted
        {
            get
            {
                Complete();
                return _references;
            }
        }

        /// <summary>The one lambda, local function or body all references sit in; null when they are spread over several, or one takes the local by reference.</summary>
        public IOperation? Function
        {
            get
            {
                Complete();
                return _function;
            }
        }

        public void Add(ILocalReferenceOperation reference) => _references.Add(reference);

        /// <summary>
        /// Every reference to every local of the body, in one walk. Each list
        /// is completed here, before the cache shares it between callbacks that may run at the same time.
        /// </summary>
        public static Dictionary<ILocalSymbol, LocalReferences> AllIn(IOperation body)
        {
            var references = new Dictionary<ILocalSymbol, LocalReferences>(SymbolEqualityComparer.Default);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference)
                {
                    if (!references.TryGetValue(reference.Local, out var found))
                    {
                        references.Add(reference.Local, found = new LocalReferences());
                    }

                    found.Add(reference);
                }
            }

            foreach (var found in references.Values)
            {
                _ = found.Function;
            }

            return references;
        }

        /// <summary>The index of the first reference that starts at or after <paramref name="position"/>.</summary>
        public int FirstAtOrAfter(int position)
        {
            Complete();
            int low = 0, high = _references.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (_references[middle].Syntax.SpanStart < position)
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

        private void Complete()
        {
            if (_complete)
            {
                return;
            }

            _complete = true;
            _references.Sort((left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
            foreach (var reference in _references)
            {
                var function = FunctionStructure.EnclosingFunction(reference);
                if (IsAliased(reference) || (_function is not null && !ReferenceEquals(function, _function)))
                {
                    _function = null;
                    return;
                }

                _function = function;
            }
        }

        /// <summary>The local passed by <c>ref</c>/<c>out</c>, bound to a <c>ref</c> local, or its address taken: it may change elsewhere.</summary>
        private static bool IsAliased(IOperation reference) => reference.Parent switch
        {
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            IAddressOfOperation => true,
            ISimpleAssignmentOperation { IsRef: true } => true,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: not RefKind.None } } => true,
            _ => false,
        };
    }
}
