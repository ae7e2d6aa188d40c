using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The variables (locals, parameters, fields, properties) that the lambdas and local functions of one body use other
    /// than by a harmless read, each with the spans of the innermost functions that do: gathered in one walk, so that
    /// each copy in the body asks only about the variables its source reads.
    /// </summary>
    internal sealed class FunctionChanges
    {
        private readonly Dictionary<ISymbol, List<TextSpan>> _changed = new Dictionary<ISymbol, List<TextSpan>>(SymbolEqualityComparer.Default);

        private FunctionChanges()
        {
        }

        /// <summary>The spans of the innermost functions that change <paramref name="variable"/>; null when none does.</summary>
        public List<TextSpan>? FunctionsChanging(ISymbol variable) => _changed.TryGetValue(variable, out var spans) ? spans : null;

        /// <summary>
        /// Walks the operation block once. Only the innermost function around a use matters: a function around it also
        /// contains it, so it meets the value's span whenever the innermost one does (spans of nodes nest or are apart).
        /// </summary>
        public static FunctionChanges Of(IOperation root, INamedTypeSymbol enumerable)
        {
            var changes = new FunctionChanges();
            var pending = new Stack<(IOperation Operation, TextSpan? Function)>();
            pending.Push((root, null));
            while (pending.Count > 0)
            {
                var (operation, function) = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    function = operation.Syntax.Span;
                }
                else if (function is { } span && Variable(operation) is { } variable && !HarmlessReads.IsHarmlessRead(operation, enumerable))
                {
                    if (!changes._changed.TryGetValue(variable, out var spans))
                    {
                        changes._changed[variable] = spans = new List<TextSpan>();
                    }

                    spans.Add(span);
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push((child, function));
                }
            }

            return changes;
        }

        private static ISymbol? Variable(IOperation operation) => operation.ReferencedVariable();
    }
}
