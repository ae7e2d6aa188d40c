using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>The consumer's side: could the code that uses the copy change the source while it is enumerated?</summary>
    internal sealed partial class CopyNecessity
    {
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
                    case IObjectCreationOperation creation when _readsFileSystem && SourceSymbols.IsFileSystem(creation.Type as INamedTypeSymbol):
                        return true;
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        if ((_readsState || _readsFileSystem) && SourceSymbols.IsDeclaredInSource(method))
                        {
                            return true;
                        }

                        if (_readsFileSystem && SourceSymbols.IsFileSystem(method.ContainingType))
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
                        if (_readsSharedState && SourceSymbols.IsDeclaredInSource(method) && invocation.Instance is IInstanceReferenceOperation)
                        {
                            return true;
                        }

                        if (IsElement(invocation.Instance, elementVariables) && (SourceSymbols.IsDeclaredInSource(method) || MayChangeOwner(method.Name)))
                        {
                            return true;
                        }

                        if (SourceSymbols.IsDeclaredInSource(method))
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

        private bool IsChangingUseOfRoot(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => _roots.Contains(local.Local) && !HarmlessReads.IsHarmlessRead(local, _enumerable),
            IParameterReferenceOperation parameter => _roots.Contains(parameter.Parameter) && !HarmlessReads.IsHarmlessRead(parameter, _enumerable),
            IFieldReferenceOperation field => _roots.Contains(field.Field) && !HarmlessReads.IsHarmlessRead(field, _enumerable),
            IPropertyReferenceOperation property => _roots.Contains(property.Property) && !HarmlessReads.IsHarmlessRead(property, _enumerable),
            _ => false,
        };

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
    }
}
