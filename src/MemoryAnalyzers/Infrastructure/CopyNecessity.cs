using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Heuristics that tell when a copy of a sequence is needed even though it is enumerated once (MEM006, MEM007):
    /// the code that consumes it could change the source, or the source runs side effects that must happen before.
    /// Each check walks a given subtree once.
    /// </summary>
    internal sealed partial class CopyNecessity
    {
        /// <summary>Methods that start a lazy enumeration over external state, whose copy is usually taken on purpose.</summary>
        public static readonly ImmutableArray<string> DefaultEagerSources = ImmutableArray.Create(
            "System.IO.Directory.EnumerateFiles",
            "System.IO.Directory.EnumerateDirectories",
            "System.IO.Directory.EnumerateFileSystemEntries",
            "System.IO.DirectoryInfo.EnumerateFiles",
            "System.IO.DirectoryInfo.EnumerateDirectories",
            "System.IO.DirectoryInfo.EnumerateFileSystemInfos",
            "System.IO.File.ReadLines");

        private readonly HashSet<ISymbol> _roots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private bool _readsState;

        /// <summary>The source reads a file or folder: the consumer must not touch System.IO while ReadLines holds it open.</summary>
        private bool _readsFileSystem;

        /// <summary>The source reads a parameter, field or property: state that other code can change while the consumer awaits.</summary>
        private bool _readsSharedState;

        /// <summary>System.Linq.Enumerable: reading a root as a LINQ operator's source does not change it.</summary>
        private readonly INamedTypeSymbol _enumerable;

        private CopyNecessity(INamedTypeSymbol enumerable) => _enumerable = enumerable;

        /// <summary>True when the source has lazy side effects that the copy runs up front; <see cref="Roots"/> is then not filled.</summary>
        public bool HasDeferredSideEffects { get; private set; }

        /// <summary>
        /// Reads the source expression: which variables it depends on, and whether deferring it could move side effects.
        /// The checks on the code that consumes the copy are in CopyNecessity.Consumer.cs.
        /// <paramref name="eagerSources"/> holds "Namespace.Type.Method" or "Method" names.
        /// </summary>
        public static CopyNecessity ForSource(IOperation source, ImmutableArray<string> eagerSources, INamedTypeSymbol enumerable)
        {
            var result = new CopyNecessity(enumerable);
            foreach (var operation in source.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        result._roots.Add(local.Local);
                        break;
                    case IParameterReferenceOperation parameter when !IsLambdaParameter(parameter.Parameter):
                        result._roots.Add(parameter.Parameter);
                        result._readsSharedState = true;
                        break;
                    case IFieldReferenceOperation field when !IsReachedFromLambdaParameter(field.Instance) && !IsMemberOfNewObject(field.Instance):
                        result._roots.Add(field.Field);
                        result._readsState = result._readsSharedState = true;
                        break;
                    case IPropertyReferenceOperation property when !IsReachedFromLambdaParameter(property.Instance) && !IsMemberOfNewObject(property.Instance):
                        result._roots.Add(property.Property);
                        result._readsState = result._readsSharedState = true;
                        break;
                    case IInstanceReferenceOperation instance when !IsMemberOfNewObject(instance):
                        result._readsState = result._readsSharedState = true;
                        break;
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: var initialized } } when IsMemberOfNewObject(initialized):
                        // 'new { p.Name }', 'new Row { Name = p.Name }' (and the anonymous objects a query's 'let' and
                        // 'join' create): the initializer sets a member of the object being created, nothing the code shares.
                        break;
                    case IInvocationOperation invocation:
                        if (IsListed(invocation.TargetMethod, eagerSources) || IsUserIterator(invocation.TargetMethod))
                        {
                            result.HasDeferredSideEffects = true;
                        }

                        // Registry.Names() may hand out a collection that a method of the project changes.
                        if (SourceSymbols.IsDeclaredInSource(invocation.TargetMethod))
                        {
                            result._readsState = result._readsSharedState = true;
                        }

                        // File.ReadAllLines(path): the file system is state that the consumer may write to.
                        if (SourceSymbols.IsFileSystem(invocation.TargetMethod.ContainingType))
                        {
                            result._readsFileSystem = result._readsSharedState = true;
                        }

                        break;
                    case IMethodReferenceOperation reference when SourceSymbols.IsDeclaredInSource(reference.Method):
                        // items.Select(Transform): a method of the project, run lazily.
                        result.HasDeferredSideEffects = true;
                        break;
                    case ISimpleAssignmentOperation:
                    case ICompoundAssignmentOperation:
                    case IIncrementOrDecrementOperation:
                    case ICoalesceAssignmentOperation:
                    case IAwaitOperation:
                        // Inside a deferred lambda, these would run interleaved with the consumer instead of before it.
                        result.HasDeferredSideEffects |= IsInLambda(operation, source);
                        break;
                }

                if (operation is IInvocationOperation { TargetMethod: var target } && IsInLambda(operation, source) && SourceSymbols.IsDeclaredInSource(target))
                {
                    // A method of the project called from a deferred lambda may have side effects we cannot see.
                    result.HasDeferredSideEffects = true;
                }
            }

            return result;
        }

        /// <summary>
        /// True when a lambda or local function elsewhere in the body could change the source: a callback declared before
        /// the loop (<c>onDone = id =&gt; pending.Remove(id)</c>) may run while the loop starts work, so the copy is a snapshot
        /// the code needs. <paramref name="changes"/> are the uses in the body's lambdas and local functions
        /// (<see cref="FunctionChanges.Of"/>); a function that contains <paramref name="value"/> is the consumer's own
        /// context, and one inside it is the source's own lambda: both are checked apart.
        /// </summary>
        public bool AnyFunctionMayChangeSource(IOperation value, FunctionChanges changes)
        {
            var valueSpan = value.Syntax.Span;
            foreach (var root in _roots)
            {
                if (changes.FunctionsChanging(root) is { } functions)
                {
                    foreach (var function in functions)
                    {
                        if (!function.IntersectsWith(valueSpan))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A method of the project that returns a bare sequence interface may be an iterator whose body runs during the
        /// enumeration (Roslyn 4.8 cannot tell iterators apart): its copy may be meant to run that body up front.
        /// </summary>
        private static bool IsUserIterator(IMethodSymbol method)
            => SourceSymbols.IsDeclaredInSource(method)
                && method.ReturnType is { TypeKind: TypeKind.Interface, SpecialType: SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T }
                    or INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T };

        /// <summary>The receiver of a member set in an object or anonymous-object initializer: the object being created.</summary>
        private static bool IsMemberOfNewObject(IOperation? instance)
            => instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver };

        /// <summary><c>p.Age</c> in <c>Where(p =&gt; p.Age &gt; 18)</c> reads an element, not a variable the consumer could change.</summary>
        private static bool IsReachedFromLambdaParameter(IOperation? instance)
            => instance.RootOfMemberChain() is IParameterReferenceOperation parameter && IsLambdaParameter(parameter.Parameter);

        private static bool IsLambdaParameter(IParameterSymbol parameter)
            => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction };

        private static bool IsInLambda(IOperation operation, IOperation root)
        {
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, root.Parent); parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsListed(IMethodSymbol method, ImmutableArray<string> names)
        {
            if (names.IsDefaultOrEmpty)
            {
                return false;
            }

            var mentioned = false;
            foreach (var name in names)
            {
                mentioned |= name.EndsWith(method.Name, StringComparison.Ordinal);
            }

            if (!mentioned)
            {
                return false;
            }

            var containing = method.ContainingType?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            foreach (var name in names)
            {
                if (name == method.Name || (containing is not null && name.Length == containing.Length + 1 + method.Name.Length
                    && name.StartsWith(containing, StringComparison.Ordinal) && name[containing.Length] == '.' && name.EndsWith(method.Name, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
