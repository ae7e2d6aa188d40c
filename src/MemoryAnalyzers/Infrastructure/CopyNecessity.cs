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
    internal sealed class CopyNecessity
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

        private CopyNecessity()
        {
        }

        /// <summary>True when the source has lazy side effects that the copy runs up front; <see cref="Roots"/> is then not filled.</summary>
        public bool HasDeferredSideEffects { get; private set; }

        /// <summary>
        /// Reads the source expression: which variables it depends on, and whether deferring it could move side effects.
        /// <paramref name="eagerSources"/> holds "Namespace.Type.Method" or "Method" names.
        /// </summary>
        public static CopyNecessity ForSource(IOperation source, ImmutableArray<string> eagerSources)
        {
            var result = new CopyNecessity();
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
                        if (IsDeclaredInSource(invocation.TargetMethod))
                        {
                            result._readsState = result._readsSharedState = true;
                        }

                        // File.ReadAllLines(path): the file system is state that the consumer may write to.
                        if (IsFileSystem(invocation.TargetMethod.ContainingType))
                        {
                            result._readsFileSystem = result._readsSharedState = true;
                        }

                        break;
                    case IMethodReferenceOperation reference when IsDeclaredInSource(reference.Method):
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

                if (operation is IInvocationOperation { TargetMethod: var target } && IsInLambda(operation, source) && IsDeclaredInSource(target))
                {
                    // A method of the project called from a deferred lambda may have side effects we cannot see.
                    result.HasDeferredSideEffects = true;
                }
            }

            return result;
        }

        /// <summary>
        /// True when <paramref name="region"/> (the consumer, without <paramref name="excluded"/>, the materialisation itself)
        /// might change the source while it is enumerated: it touches a variable the source reads, changes an element through
        /// a method or setter, hands an element to a method of the project, or (when the source reads fields or properties)
        /// calls a method of the project at all.
        /// </summary>
        public bool ConsumerMayChangeSource(IOperation region, IOperation? excluded)
            => ConsumerMayChangeSource(new[] { region }, excluded);

        /// <summary>As above, for the statements that run between a stored copy and its one read, and the one that reads it.</summary>
        public bool ConsumerMayChangeSource(IReadOnlyList<IOperation> regions, IOperation? excluded)
        {
            var elementVariables = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in Walk(regions, excluded))
            {
                switch (operation)
                {
                    case IForEachLoopOperation forEach:
                        foreach (var local in forEach.Locals)
                        {
                            elementVariables.Add(local);
                        }

                        break;
                    case IAnonymousFunctionOperation lambda:
                        foreach (var parameter in lambda.Symbol.Parameters)
                        {
                            elementVariables.Add(parameter);
                        }

                        break;
                    case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                        when IsChangingUseOfRoot(operation):
                        return true;
                    case IReturnOperation { Kind: OperationKind.YieldReturn }:
                        // The caller runs between two elements and may change the source.
                        return true;
                    case IAwaitOperation when _readsSharedState:
                        return true;
                    case IObjectCreationOperation creation when _readsFileSystem && IsFileSystem(creation.Type as INamedTypeSymbol):
                        return true;
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        if ((_readsState || _readsFileSystem) && IsDeclaredInSource(method))
                        {
                            return true;
                        }

                        if (_readsFileSystem && IsFileSystem(method.ContainingType))
                        {
                            return true;
                        }

                        // 'ids' may be a view of '_cache' (the caller passed _cache.Keys): removing, adding or clearing
                        // anything but a collection created right here may change the source.
                        if (!_readsFileSystem && MayChangeOwner(method.Name) && invocation.Instance is { } receiver
                            && !IsElement(receiver, elementVariables) && !IsFreshLocal(receiver))
                        {
                            return true;
                        }

                        // An instance method of this class may change the field or the parameter's owner.
                        if (_readsSharedState && IsDeclaredInSource(method) && invocation.Instance is IInstanceReferenceOperation)
                        {
                            return true;
                        }

                        if (IsElement(invocation.Instance, elementVariables) && (IsDeclaredInSource(method) || MayChangeOwner(method.Name)))
                        {
                            return true;
                        }

                        if (IsDeclaredInSource(method))
                        {
                            foreach (var argument in invocation.Arguments)
                            {
                                if (IsElement(argument.Value, elementVariables))
                                {
                                    return true;
                                }
                            }
                        }

                        break;
                    case IPropertyReferenceOperation property
                        when property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property) && IsElement(property.Instance, elementVariables):
                        // 'control.Parent = null' removes the control from its parent's collection.
                        return true;
                }
            }

            return false;
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

        private bool IsChangingUseOfRoot(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => _roots.Contains(local.Local) && !IsHarmlessRead(local),
            IParameterReferenceOperation parameter => _roots.Contains(parameter.Parameter) && !IsHarmlessRead(parameter),
            IFieldReferenceOperation field => _roots.Contains(field.Field) && !IsHarmlessRead(field),
            IPropertyReferenceOperation property => _roots.Contains(property.Property) && !IsHarmlessRead(property),
            _ => false,
        };

        /// <summary>
        /// A read of a variable the source depends on that cannot change it: a LINQ operator's source, a <c>foreach</c>
        /// collection, the instance of a member read (the member is checked on its own), or the receiver of a lookup.
        /// </summary>
        internal static bool IsHarmlessRead(IOperation reference)
        {
            var value = SingleEnumeration.OutermostConversion(reference);
            switch (value.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument:
                    return argument.Parameter?.RefKind is null or RefKind.None or RefKind.In
                        && invocation.TargetMethod.ContainingType is { Name: "Enumerable", ContainingNamespace.Name: "Linq" };
                case IForEachLoopOperation loop:
                    return ReferenceEquals(loop.Collection, value);
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, value):
                    return !IsWritten(property);
                case IFieldReferenceOperation field when ReferenceEquals(field.Instance, value):
                    return !IsWritten(field);
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, value):
                    return IsLookup(invocation.TargetMethod.Name);
                case IExpressionStatementOperation:
                case IConditionalAccessOperation:
                    return false;
                default:
                    // Compared, printed, interpolated: read as a value, not changed.
                    return value.Parent is IBinaryOperation or IInterpolationOperation or IIsPatternOperation or IIsTypeOperation;
            }
        }

        private static bool IsWritten(IOperation member)
            => member.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, member)
                || member.Parent is IIncrementOrDecrementOperation;

        private static bool IsLookup(string name)
            => name is "Contains" or "ContainsKey" or "ContainsValue" or "TryGetValue" or "IndexOf" or "LastIndexOf" or "ToString"
                or "Equals" or "GetHashCode" or "StartsWith" or "EndsWith" or "GetValueOrDefault";

        private static IEnumerable<IOperation> Walk(IReadOnlyList<IOperation> roots, IOperation? excluded)
        {
            var pending = new Stack<IOperation>();
            for (var i = roots.Count - 1; i >= 0; i--)
            {
                pending.Push(roots[i]);
            }

            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (ReferenceEquals(current, excluded))
                {
                    continue;
                }

                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }
        }

        /// <summary>True when <paramref name="operation"/> is an element variable or reached from one (<c>item.Children</c>).</summary>
        private static bool IsElement(IOperation? operation, HashSet<ISymbol> elementVariables)
            => operation.RootOfMemberChain() switch
            {
                ILocalReferenceOperation local => elementVariables.Contains(local.Local) && IsMutableReference(local.Type),
                IParameterReferenceOperation parameter => elementVariables.Contains(parameter.Parameter) && IsMutableReference(parameter.Type),
                _ => false,
            };

        /// <summary>A local initialised with a new object in its declaration (<c>var result = new List&lt;T&gt;();</c>): it cannot be the source.</summary>
        private static bool IsFreshLocal(IOperation receiver)
        {
            if (receiver.WithoutImplicitConversions() is not ILocalReferenceOperation { Local: var local })
            {
                return false;
            }

            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax
                    {
                        Initializer.Value: Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax
                            or Microsoft.CodeAnalysis.CSharp.Syntax.ArrayCreationExpressionSyntax
                            or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitArrayCreationExpressionSyntax,
                    })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsMutableReference(ITypeSymbol? type)
            => type is not null && !type.IsValueType && type.SpecialType != SpecialType.System_String;

        /// <summary>Names of library methods that detach or change an object that may sit in the source (<c>XElement.Remove</c>, <c>Dispose</c>).</summary>
        private static bool MayChangeOwner(string name)
            => name.StartsWith("Remove", StringComparison.Ordinal) || name.StartsWith("Delete", StringComparison.Ordinal)
                || name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("Insert", StringComparison.Ordinal)
                || name.StartsWith("Move", StringComparison.Ordinal) || name.StartsWith("Replace", StringComparison.Ordinal)
                || name == "Clear" || name == "Dispose" || name == "Close";

        private static bool IsFileSystem(INamedTypeSymbol? type)
            => type?.ContainingNamespace is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>A method (or field, property) of the project: its body is code the rules cannot see the effects of.</summary>
        public static bool IsDeclaredInSource(ISymbol symbol)
        {
            foreach (var location in symbol.OriginalDefinition.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A method of the project that returns a bare sequence interface may be an iterator whose body runs during the
        /// enumeration (Roslyn 4.8 cannot tell iterators apart): its copy may be meant to run that body up front.
        /// </summary>
        private static bool IsUserIterator(IMethodSymbol method)
            => IsDeclaredInSource(method)
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
