using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// MEM008: recognises a function body that only fills a local <c>List&lt;T&gt;</c> and returns it, and whether C# lets
    /// that body become an iterator. One walk over the function's body.
    /// </summary>
    internal static class IteratorCandidate
    {
        /// <summary>The method, local function or getter whose body holds <paramref name="operation"/>; null inside a lambda.</summary>
        public static IMethodSymbol? EnclosingFunction(IOperation operation, ISymbol containingSymbol, out IOperation? body)
        {
            body = null;
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                        return null;
                    case ILocalFunctionOperation localFunction:
                        body = localFunction.Body;
                        return localFunction.Symbol;
                    case IMethodBodyOperation methodBody:
                        body = methodBody.BlockBody ?? methodBody.ExpressionBody;
                        return containingSymbol as IMethodSymbol;
                }

                if (parent.Parent is null && parent is IBlockOperation rootBlock)
                {
                    body = rootBlock;
                    return containingSymbol as IMethodSymbol;
                }
            }

            return null;
        }

        public static bool ReturnsSequence(IMethodSymbol function, SequenceTypes types)
            => function.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.PropertyGet or MethodKind.ExplicitInterfaceImplementation
                && !function.ReturnsByRef && !function.ReturnsByRefReadonly
                && (types.IsGenericEnumerable(function.ReturnType) || function.ReturnType.SpecialType == SpecialType.System_Collections_IEnumerable);

        /// <summary>C# forbids iterators that are async or take <c>ref</c>/<c>out</c>/<c>in</c> parameters.</summary>
        public static bool CanBeIterator(IMethodSymbol function)
        {
            if (function.IsAsync)
            {
                return false;
            }

            foreach (var parameter in function.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind == TypeKind.Pointer)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when <paramref name="list"/> is declared in <paramref name="body"/> as <c>new List&lt;T&gt;()</c> (or with a
        /// capacity), and every use is <c>list.Add(x);</c>, <c>list.AddRange(s);</c> or <c>return list;</c>, outside lambdas
        /// and local functions, and every return of the function returns it. When <paramref name="listRead"/>, the read in
        /// <paramref name="finalReturn"/>, sits under LINQ operators (<c>return list.Distinct();</c>), that is the only
        /// return. <paramref name="fixable"/> is false when a <c>yield return</c> could not stand where an <c>Add</c> is (a
        /// <c>try</c> with <c>catch</c>, a <c>finally</c>) or the body has locals an iterator cannot hold.
        /// </summary>
        public static bool TryMatch(
            IBlockOperation body, ILocalSymbol list, IReturnOperation finalReturn, ILocalReferenceOperation listRead, SequenceTypes types, out IOperation declaration, out bool fixable)
        {
            var queried = !ReferenceEquals(finalReturn.ReturnedValue?.WithoutImplicitConversions(), listRead);
            declaration = body;
            fixable = true;
            var declared = false;
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, list):
                        if (!IsEmptyListCreation(declarator.Initializer?.Value, types)
                            || declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                            || group.Declarations[0].Declarators.Length != 1
                            || !ReferenceEquals(group.Parent, body))
                        {
                            return false;
                        }

                        declaration = group;
                        declared = true;
                        break;

                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, list):
                        if (IsInNestedFunction(reference, body))
                        {
                            return false;
                        }

                        var use = SingleEnumeration.OutermostConversion(reference);
                        if (use.Parent is IReturnOperation || ReferenceEquals(reference, listRead))
                        {
                            break;
                        }

                        if (use.Parent is not IInvocationOperation { Parent: IExpressionStatementOperation, TargetMethod.Name: "Add" or "AddRange", Arguments.Length: 1 } add
                            || !ReferenceEquals(add.Instance, use)
                            || !SingleEnumeration.IsConstructedFrom(add.TargetMethod.ContainingType, types.List))
                        {
                            return false;
                        }

                        fixable &= CanYieldAt(add, body);
                        break;

                    case IReturnOperation { Kind: OperationKind.Return } returned when !IsInNestedFunction(returned, body) && !ReferenceEquals(returned, finalReturn):
                        if (queried
                            || returned.ReturnedValue?.WithoutImplicitConversions() is not ILocalReferenceOperation returnedLocal
                            || !SymbolEqualityComparer.Default.Equals(returnedLocal.Local, list))
                        {
                            return false;
                        }

                        break;

                    case IVariableDeclaratorOperation other when other.Symbol.Type.IsRefLikeType || other.Symbol.Type.TypeKind == TypeKind.Pointer || other.Symbol.IsRef:
                        fixable = false;
                        break;

                    case IAwaitOperation when !IsInNestedFunction(operation, body):
                    case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                        return false;
                }
            }

            return declared;
        }

        private static bool IsEmptyListCreation(IOperation? value, SequenceTypes types)
            => value?.WithoutImplicitConversions() is IObjectCreationOperation { Initializer: null, Constructor: { } constructor } creation
                && SingleEnumeration.IsConstructedFrom(constructor.ContainingType, types.List)
                && (creation.Arguments.IsEmpty || (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32));

        private static bool IsInNestedFunction(IOperation operation, IOperation body)
        {
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, body); parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>'yield return' is not allowed in a try block that has a catch, nor in a catch or finally block; in a lock it would hold the lock across the caller's code.</summary>
        private static bool CanYieldAt(IOperation operation, IOperation body)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(child, body); child = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation tryOperation)
                {
                    if (ReferenceEquals(tryOperation.Body, child) && !tryOperation.Catches.IsEmpty)
                    {
                        return false;
                    }

                    if (!ReferenceEquals(tryOperation.Body, child))
                    {
                        return false;
                    }
                }

                if (parent is ICatchClauseOperation or ILockOperation)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
