using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// For MEM013's member form: the private methods of one type that return a
    /// <c>Tuple&lt;…&gt;</c>, what they return and how their callers use the result. A function qualifies when every
    /// <c>return</c> hands back a <c>Tuple.Create(…)</c> or <c>new Tuple&lt;…&gt;(…)</c> of its return type, and every call
    /// only reads the result's items: <c>M().Item1</c>, or a local of the tuple type that is only read through its items.
    /// Any other use (a method group, a result stored, passed on, returned, compared, locked, converted) rules it out.
    /// </summary>
    /// <remarks>
    /// Filled by operation callbacks that run concurrently; each function's facts are guarded by its own lock.
    /// </remarks>
    internal sealed class TupleMembers
    {
        private static readonly Dictionary<IMethodSymbol, Function> s_noFunctions = new Dictionary<IMethodSymbol, Function>(SymbolEqualityComparer.Default);
        private static readonly Dictionary<IParameterSymbol, Function> s_noParameters = new Dictionary<IParameterSymbol, Function>(SymbolEqualityComparer.Default);

        private readonly Dictionary<IMethodSymbol, Function> _functions;
        private readonly Dictionary<IParameterSymbol, Function> _parameters;

        private TupleMembers(Dictionary<IMethodSymbol, Function> functions, Dictionary<IParameterSymbol, Function> parameters)
        {
            _functions = functions;
            _parameters = parameters;
        }

        /// <summary>The facts gathered about one function.</summary>
        internal sealed class Function
        {
            private readonly List<IOperation> _creations = new List<IOperation>();
            private readonly List<Location> _explicitTypes = new List<Location>();
            private bool _ruledOut;
            private int _calls;

            public Function(IMethodSymbol symbol) => Symbol = symbol;

            public IMethodSymbol Symbol { get; }

            public void RuleOut()
            {
                lock (_creations)
                {
                    _ruledOut = true;
                }
            }

            public void AddCreation(IOperation creation)
            {
                lock (_creations)
                {
                    _creations.Add(creation);
                }
            }

            public void AddCall(Location? explicitType)
            {
                lock (_creations)
                {
                    _calls++;
                    if (explicitType is not null)
                    {
                        _explicitTypes.Add(explicitType);
                    }
                }
            }

            /// <summary>
            /// The creations to report, in source order, with the explicit local types the fix rewrites; empty when the
            /// function was ruled out, returns nothing it creates, or is never called.
            /// </summary>
            public IReadOnlyList<IOperation> Creations(out IReadOnlyList<Location> explicitTypes)
            {
                lock (_creations)
                {
                    explicitTypes = _explicitTypes.ToArray();
                    if (_ruledOut || _calls == 0 || _creations.Count == 0)
                    {
                        return System.Array.Empty<IOperation>();
                    }

                    var sorted = _creations.ToArray();
                    System.Array.Sort(sorted, (left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
                    return sorted;
                }
            }
        }

        public IEnumerable<Function> Functions => _functions.Values;

        /// <summary>
        /// The private methods' <c>Tuple&lt;…&gt;</c> parameters (one <see cref="Function"/> each, its creations the arguments of
        /// the calls): a parameter qualifies when every call passes a creation of its type and the body only reads its items.
        /// </summary>
        public IEnumerable<Function> Parameters => _parameters.Values;

        /// <summary>True when a parameter is a candidate: its references must be watched.</summary>
        public bool HasParameters => _parameters.Count > 0;

        /// <summary>
        /// The candidates of <paramref name="type"/>: its private ordinary methods (not partial, extern or returning by
        /// reference) whose return type is a reference tuple; null when it has none. Reads the member signatures only,
        /// unless a candidate is found in a type with nested types.
        /// </summary>
        public static TupleMembers? Of(INamedTypeSymbol type, FixedCollectionTypes types, CancellationToken cancellationToken)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsImplicitlyDeclared || !MayDeclareTupleMethod(type, cancellationToken))
            {
                return null;
            }

            Dictionary<IMethodSymbol, Function>? functions = null;
            Dictionary<IParameterSymbol, Function>? parameters = null;
            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private } method
                    || method.PartialDefinitionPart is not null
                    || method.PartialImplementationPart is not null
                    || method.IsExtern)
                {
                    continue;
                }

                if (types.IsReferenceTuple(method.ReturnType) && IsPlainFunction(method))
                {
                    functions ??= new Dictionary<IMethodSymbol, Function>(SymbolEqualityComparer.Default);
                    functions[method] = new Function(method);
                }

                // A generic method infers its type arguments from the arguments: a tuple literal could infer others.
                foreach (var parameter in method.IsGenericMethod ? ImmutableArray<IParameterSymbol>.Empty : method.Parameters)
                {
                    // Another method of the name could take the ValueTuple the parameter would become: left alone.
                    if (parameter is { RefKind: RefKind.None, IsParams: false, HasExplicitDefaultValue: false }
                        && types.IsReferenceTuple(parameter.Type)
                        && type.GetMembers(method.Name).Length == 1)
                    {
                        parameters ??= new Dictionary<IParameterSymbol, Function>(SymbolEqualityComparer.Default);
                        parameters[parameter] = new Function(method);
                    }
                }
            }

            if (functions is null && parameters is null)
            {
                return null;
            }

            functions ??= s_noFunctions;
            parameters ??= s_noParameters;
            RuleOutNamedInNestedTypes(type, functions.Values.Concat(parameters.Values), cancellationToken);
            return new TupleMembers(functions, parameters);
        }

        /// <summary>
        /// A nested type may call its container's private methods, but the container's symbol-start callbacks do not see
        /// its code: a candidate whose name appears in a nested type is ruled out (a walk of the nested types' tokens, for
        /// types that have a candidate and nested types only).
        /// </summary>
        private static void RuleOutNamedInNestedTypes(INamedTypeSymbol type, IEnumerable<Function> functions, CancellationToken cancellationToken)
        {
            var nested = type.GetTypeMembers();
            if (nested.IsEmpty)
            {
                return;
            }

            var names = new Dictionary<string, List<Function>>();
            foreach (var function in functions)
            {
                if (!names.TryGetValue(function.Symbol.Name, out var sameName))
                {
                    names[function.Symbol.Name] = sameName = new List<Function>();
                }

                sameName.Add(function);
            }

            foreach (var nestedType in nested)
            {
                foreach (var declaration in nestedType.DeclaringSyntaxReferences)
                {
                    foreach (var token in declaration.GetSyntax(cancellationToken).DescendantTokens())
                    {
                        if (token.RawKind == (int)SyntaxKind.IdentifierToken && names.TryGetValue(token.ValueText, out var named))
                        {
                            named.ForEach(function => function.RuleOut());
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The cheapest test first, on every type: does a method declaration of the type write its return type as a generic
        /// <c>Tuple&lt;…&gt;</c>? Only then are the member symbols asked (measured on real code: asking every method's
        /// return type symbol cost more than the rest of the rule). A return type written through a <c>using</c> alias is
        /// not recognized.
        /// </summary>
        private static bool MayDeclareTupleMethod(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
                {
                    foreach (var member in declaration.Members)
                    {
                        if (member is MethodDeclarationSyntax method
                            && (IsWrittenAsTuple(method.ReturnType) || method.ParameterList.Parameters.Any(parameter => parameter.Type is { } written && IsWrittenAsTuple(written))))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsWrittenAsTuple(TypeSyntax type) => type switch
        {
            NullableTypeSyntax nullable => IsWrittenAsTuple(nullable.ElementType),
            QualifiedNameSyntax qualified => IsWrittenAsTuple(qualified.Right),
            AliasQualifiedNameSyntax aliased => IsWrittenAsTuple(aliased.Name),
            GenericNameSyntax generic => generic.Identifier.ValueText == "Tuple",
            _ => false,
        };

        /// <summary>
        /// A call of a candidate method: ruled out unless its result is only read through its items; a candidate parameter
        /// is ruled out unless the call passes it a creation of its own type, by position.
        /// </summary>
        public void OnInvocation(IInvocationOperation invocation, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            if (_functions.TryGetValue(invocation.TargetMethod.OriginalDefinition, out var function))
            {
                AddCall(function, invocation, types, references);
            }

            if (_parameters.Count == 0)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && _parameters.TryGetValue(parameter.OriginalDefinition, out var passed))
                {
                    AddArgument(passed, argument, types);
                }
            }
        }

        /// <summary>A reference to a candidate parameter: ruled out unless it reads an item.</summary>
        public void OnParameterReference(IParameterReferenceOperation reference, FixedCollectionTypes types)
        {
            if (_parameters.TryGetValue(reference.Parameter.OriginalDefinition, out var parameter) && !IsPlainItemRead(reference, types))
            {
                parameter.RuleOut();
            }
        }

        private static void AddArgument(Function parameter, IArgumentOperation argument, FixedCollectionTypes types)
        {
            var value = WithoutIdentityConversions(argument.Value);
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Syntax is ArgumentSyntax { NameColon: null }
                && SymbolEqualityComparer.Default.Equals(value.Type, argument.Parameter!.Type)
                && IsCreation(value, types)
                && !InExpressionTree(argument))
            {
                parameter.AddCreation(value);
                parameter.AddCall(explicitType: null);
            }
            else
            {
                parameter.RuleOut();
            }
        }

        /// <summary>Identity conversions (nullability) and the one of a target-typed <c>new(…)</c> leave the type as it is.</summary>
        private static IOperation WithoutIdentityConversions(IOperation value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion && SymbolEqualityComparer.Default.Equals(conversion.Operand.Type, conversion.Type))
            {
                value = conversion.Operand;
            }

            return value;
        }

        /// <summary>A method group of a candidate (a delegate, an event handler): the tuple escapes to whoever calls it.</summary>
        public void OnMethodReference(IMethodReferenceOperation reference)
        {
            if (_functions.TryGetValue(reference.Method.OriginalDefinition, out var function))
            {
                AddMethodReference(function, reference);
            }

            foreach (var parameter in reference.Method.OriginalDefinition.Parameters)
            {
                if (_parameters.TryGetValue(parameter, out var passed))
                {
                    AddMethodReference(passed, reference);
                }
            }
        }

        /// <summary>A <c>return</c> of a tuple, in <paramref name="containingSymbol"/>'s own body (not in a lambda or local function).</summary>
        public void OnReturn(IReturnOperation @return, ISymbol containingSymbol, FixedCollectionTypes types)
        {
            if (types.IsReferenceTuple(@return.ReturnedValue?.Type)
                && containingSymbol is IMethodSymbol method
                && _functions.TryGetValue(method.OriginalDefinition, out var function)
                && FunctionStructure.EnclosingFunction(@return) is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                AddReturn(function, @return, types);
            }
        }

        private static bool IsPlainFunction(IMethodSymbol method)
            => !method.ReturnsByRef && !method.ReturnsByRefReadonly && !method.IsAsync;

        private static void AddMethodReference(Function function, IMethodReferenceOperation reference)
        {
            // nameof(M) names the method without calling it.
            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation)
                {
                    return;
                }
            }

            function.RuleOut();
        }

        private static void AddReturn(Function function, IReturnOperation @return, FixedCollectionTypes types)
        {
            var value = @return.ReturnedValue is { } returned ? WithoutIdentityConversions(returned) : null;

            if (@return.Kind == OperationKind.Return
                && value is not null
                && SymbolEqualityComparer.Default.Equals(value.Type, function.Symbol.ReturnType)
                && IsCreation(value, types))
            {
                function.AddCreation(value);
            }
            else
            {
                function.RuleOut();
            }
        }

        /// <summary><c>Tuple.Create(…)</c> or <c>new Tuple&lt;…&gt;(…)</c> without an initializer.</summary>
        private static bool IsCreation(IOperation value, FixedCollectionTypes types) => value switch
        {
            IObjectCreationOperation { Initializer: null } creation => types.IsReferenceTuple(creation.Type),
            IInvocationOperation invocation => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Tuple)
                && types.IsReferenceTuple(invocation.Type),
            _ => false,
        };

        private static void AddCall(Function function, IInvocationOperation invocation, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            if (InExpressionTree(invocation))
            {
                function.RuleOut();
                return;
            }

            if (IsPlainItemRead(invocation, types))
            {
                function.AddCall(explicitType: null);
                return;
            }

            if (LocalStore.Of(invocation, allowAssignment: false) is { } store
                && SymbolEqualityComparer.Default.Equals(store.Local.Type, invocation.Type)
                && references.For(invocation).TryGetValue(store.Local, out var uses)
                && FixedCollectionTypes.AllAndAny(uses.Sorted, use => IsPlainItemRead(use, types)))
            {
                function.AddCall(store.Statement.Syntax is LocalDeclarationStatementSyntax { Declaration.Type: { IsVar: false } type }
                    ? type.GetLocation()
                    : null);
                return;
            }

            function.RuleOut();
        }

        /// <summary>
        /// An item read that a ValueTuple answers the same: a tuple's property returns a copy of a struct item, a ValueTuple's
        /// field does not, so a call on a mutable struct item (which could change it in place) does not count.
        /// </summary>
        private static bool IsPlainItemRead(IOperation tuple, FixedCollectionTypes types)
        {
            if (!types.IsItemRead(tuple))
            {
                return false;
            }

            var item = (IPropertyReferenceOperation)tuple.Parent!;
            var receiverOfCall = item.Parent is IInvocationOperation invocation && ReferenceEquals(invocation.Instance, item)
                || item.Parent is IMemberReferenceOperation member && ReferenceEquals(member.Instance, item);
            return !receiverOfCall
                || item.Type is { IsReferenceType: true }
                || item.Type is { TypeKind: TypeKind.Enum }
                || item.Type is INamedTypeSymbol { IsValueType: true, IsReadOnly: true };
        }

        /// <summary>A call inside a lambda that becomes an expression tree, which a tuple's item access may not be written in the same way.</summary>
        private static bool InExpressionTree(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation && current.Parent is { Type: { TypeKind: not TypeKind.Delegate } })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
