using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers
{
    /// <summary>
    /// MEM008: a built list returned through LINQ operators (<c>return list.Distinct();</c>), and whether the fix can
    /// evaluate the operators' arguments at the top of the member, where it returns them applied to an iterator.
    /// </summary>
    internal static class StreamingOperators
    {
        /// <summary>
        /// LINQ operators that read their source one element at a time as they are enumerated: over an iterator instead of
        /// a built list, they hold at most what they held before (<c>Distinct</c> its set of elements seen), not the list.
        /// Operators that buffer the whole source (<c>OrderBy</c>, <c>Reverse</c>, <c>GroupBy</c>) would gain nothing.
        /// </summary>
        private static readonly ImmutableHashSet<string> Names = ImmutableHashSet.Create(
            "Where", "Select", "SelectMany", "Distinct", "DistinctBy", "Cast", "OfType", "Skip", "Take", "SkipWhile", "TakeWhile");

        /// <summary>
        /// The local read at the bottom of a chain of streaming LINQ operators (<c>list.Where(...).Select(...)</c>,
        /// <c>list.Distinct()</c>), or null when <paramref name="value"/> is anything else.
        /// </summary>
        public static ILocalReferenceOperation? ListUnder(IOperation value, SequenceTypes types)
        {
            var current = value;
            var operators = 0;
            while (current is IInvocationOperation { TargetMethod: { IsExtensionMethod: true } method, Arguments.IsEmpty: false } invocation
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable)
                && Names.Contains(method.Name))
            {
                current = invocation.Arguments[0].Value.WithoutImplicitConversions();
                operators++;
            }

            return operators > 0 ? current as ILocalReferenceOperation : null;
        }

        /// <summary>
        /// True when the operators' other arguments can be evaluated at the top of the member, before the body that fills
        /// the list runs (the fix returns <c>Iterator().Where(...)</c> there): they read no local of the body, no parameter
        /// the body writes, nothing of <c>this</c>, no static member of the project, and call no method of the project.
        /// Their lambdas then see the same values whenever they run.
        /// </summary>
        public static bool CanMoveUp(IOperation chain, IBlockOperation body)
        {
            HashSet<IParameterSymbol>? written = null;
            for (var current = chain; current is IInvocationOperation { Arguments.IsEmpty: false } invocation; current = invocation.Arguments[0].Value.WithoutImplicitConversions())
            {
                for (var i = 1; i < invocation.Arguments.Length; i++)
                {
                    var argument = invocation.Arguments[i];
                    var span = argument.Syntax.Span;
                    foreach (var operation in argument.DescendantsAndSelf())
                    {
                        switch (operation)
                        {
                            case ILocalReferenceOperation { Local: var local } when !IsDeclaredWithin(local, span):
                            case IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver }:
                                // (The implicit receiver is the object an initializer creates: 'v => new Row { Value = v }'.)
                                return false;
                            case IParameterReferenceOperation { Parameter: var parameter } when !IsDeclaredWithin(parameter, span):
                                written ??= WrittenParameters(body);
                                if (written.Contains(parameter))
                                {
                                    return false;
                                }

                                break;
                            case IFieldReferenceOperation { Instance: null, Field: { IsConst: false } field } when SourceSymbols.IsDeclaredInSource(field):
                            case IPropertyReferenceOperation { Instance: null, Property: var property } when SourceSymbols.IsDeclaredInSource(property):
                            case IInvocationOperation { TargetMethod: var method } when SourceSymbols.IsDeclaredInSource(method):
                            case IMethodReferenceOperation { Method: var referenced } when SourceSymbols.IsDeclaredInSource(referenced):
                                return false;
                        }
                    }
                }
            }

            return true;
        }

        /// <summary>The function's parameters that the body assigns, increments or passes by reference.</summary>
        private static HashSet<IParameterSymbol> WrittenParameters(IBlockOperation body)
        {
            var written = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body.Descendants())
            {
                if (operation is IParameterReferenceOperation reference && IsWritten(reference))
                {
                    written.Add(reference.Parameter);
                }
            }

            return written;
        }

        private static bool IsWritten(IOperation reference) => reference.Parent switch
        {
            IAssignmentOperation assignment => ReferenceEquals(assignment.Target, reference),
            IIncrementOrDecrementOperation increment => ReferenceEquals(increment.Target, reference),
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };

        private static bool IsDeclaredWithin(ISymbol symbol, TextSpan span)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
