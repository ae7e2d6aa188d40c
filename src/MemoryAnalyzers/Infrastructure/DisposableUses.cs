using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>What one reference to a local that holds a new disposable does with it.</summary>
    internal enum DisposableUse
    {
        /// <summary>Reads it without keeping it: a member access, a comparison, a null check.</summary>
        Borrow,

        /// <summary><c>x.Dispose()</c>, <c>x.DisposeAsync()</c>, <c>x.Close()</c>, <c>x?.Dispose()</c>.</summary>
        DisposeCall,

        /// <summary><c>using (x) { }</c>: disposed in a finally by the compiler.</summary>
        UsingResource,

        /// <summary>
        /// Ownership may leave the method, or the rule cannot follow the object: returned, stored, passed to a call,
        /// captured, aliased, re-assigned, or used in a way the rule does not know.
        /// </summary>
        Escapes,

        /// <summary>
        /// Read or signalled inside a lambda of the method (<c>StartWork(e => { failure = e; done.Set(); })</c>): the capture
        /// hands nothing over, so the method still owns it; but the lambda may run after the method returns.
        /// </summary>
        CapturedBorrow,

        /// <summary>
        /// Handed to a project wrapper's constructor that stores it in a field its <c>Dispose</c> never disposes: the
        /// hand-over is not real, but the wrapper may keep using it after the method returns.
        /// </summary>
        KeptUndisposed,
    }

    internal static class DisposableUses
    {
        /// <summary>Classifies one reference. Walks up a few parents only.</summary>
        public static DisposableUse Classify(ILocalReferenceOperation reference, IOperation declaringFunction, DisposableTypes types)
        {
            IOperation current = reference;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            var function = FunctionStructure.EnclosingFunction(reference);
            if (!ReferenceEquals(function, declaringFunction))
            {
                // Captured: a lambda that only reads or signals it takes nothing over. One that disposes, stores or passes
                // it on, and a local function (it may be called from anywhere), may hand it over.
                return IsLambdaWithin(function, declaringFunction) && ClassifyOperand(current, types) == DisposableUse.Borrow
                    ? DisposableUse.CapturedBorrow
                    : DisposableUse.Escapes;
            }

            return ClassifyOperand(current, types);
        }

        /// <summary>
        /// What the expression around a newly created object that is never stored does with it
        /// (<c>new StreamReader(path).ReadToEnd()</c>, <c>File.OpenRead(path).Length</c>): <see cref="DisposableUse.Borrow"/>
        /// when it is only read and then dropped.
        /// </summary>
        public static DisposableUse ClassifyTemporary(IOperation created, DisposableTypes types)
        {
            var current = created;
            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                current = conversion;
            }

            return ClassifyOperand(current, types);
        }

        private static DisposableUse ClassifyOperand(IOperation current, DisposableTypes types)
        {
            switch (current.Parent)
            {
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                    return IsDisposeMethod(invocation.TargetMethod) ? DisposableUse.DisposeCall : MemberResultUse(invocation, types);

                case IConditionalAccessOperation conditional when ReferenceEquals(conditional.Operation, current):
                    return conditional.WhenNotNull is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call
                        ? (IsDisposeMethod(call.TargetMethod) ? DisposableUse.DisposeCall : DisposableUse.Borrow)
                        : DisposableUse.Borrow;

                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                    return MemberResultUse(property, types);
                case IFieldReferenceOperation field when ReferenceEquals(field.Instance, current):
                    return MemberResultUse(field, types);
                case IEventReferenceOperation eventReference when ReferenceEquals(eventReference.Instance, current):
                    return DisposableUse.Borrow;

                // A pattern that declares a variable ('x is FileStream fs', 'case Stream s:') makes an alias the rule does not follow.
                case ISwitchExpressionOperation switchExpression when ReferenceEquals(switchExpression.Value, current):
                    return DeclaresPatternVariable(switchExpression.Syntax) ? DisposableUse.Escapes : DisposableUse.Borrow;
                case ISwitchOperation switchStatement when ReferenceEquals(switchStatement.Value, current):
                    return DeclaresPatternVariable(switchStatement.Syntax) ? DisposableUse.Escapes : DisposableUse.Borrow;
                case IIsPatternOperation isPattern:
                    return DeclaresPatternVariable(isPattern.Pattern.Syntax) ? DisposableUse.Escapes : DisposableUse.Borrow;

                // A user-defined operator is a method call that may keep its operand.
                case IBinaryOperation { OperatorMethod: null }:
                case IIsTypeOperation:
                case IInterpolationOperation:
                case INameOfOperation:
                    return DisposableUse.Borrow;

                case IUsingOperation usingOperation when ReferenceEquals(usingOperation.Resources, current):
                    return DisposableUse.UsingResource;

                case IArgumentOperation argument:
                    return ArgumentUse(argument, types);

                default:
                    return DisposableUse.Escapes;
            }
        }

        /// <summary>
        /// Passing an object to a method hands it over only if the method may keep it. A framework method that takes it
        /// as a resource to read or signal (<c>SHA256.HashData(stream)</c>, <c>timer.Dispose(waitHandle)</c>,
        /// <c>source.CopyTo(stream)</c>) and returns nothing disposable does not; one that takes <c>object</c>, a type
        /// parameter or <c>IDisposable</c>, or whose name says it keeps (<c>Add</c>, <c>Set</c>, <c>Register</c>...) may.
        /// A project method is summarised: it disposes the parameter, only uses it, or unknown (handed over). A constructor
        /// (<c>: this(new Info(...), owns: true)</c> included) takes what it is given.
        /// </summary>
        private static DisposableUse ArgumentUse(IArgumentOperation argument, DisposableTypes types)
        {
            if (argument.Parent is IObjectCreationOperation { Constructor: { DeclaringSyntaxReferences.IsEmpty: false } constructor }
                && argument.Parameter is { RefKind: RefKind.None } constructorParameter
                && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                return types.KeepsWithoutDisposing(constructor, constructorParameter.Ordinal) ? DisposableUse.KeptUndisposed : DisposableUse.Escapes;
            }

            if (argument.Parent is not IInvocationOperation { TargetMethod.MethodKind: MethodKind.Ordinary } invocation
                || argument.Parameter is not { RefKind: RefKind.None } parameter
                || argument.ArgumentKind != ArgumentKind.Explicit)
            {
                return DisposableUse.Escapes;
            }

            var method = invocation.TargetMethod;
            if (!method.DeclaringSyntaxReferences.IsEmpty)
            {
                return types.ParameterUse(method, parameter.Ordinal) switch
                {
                    ParameterUse.Disposes => DisposableUse.DisposeCall,
                    ParameterUse.OnlyReads => DisposableUse.Borrow,
                    _ => DisposableUse.Escapes,
                };
            }

            var declared = method.OriginalDefinition.Parameters[parameter.Ordinal].Type;
            return declared is INamedTypeSymbol { TypeKind: TypeKind.Class }
                && types.IsDisposable(declared)
                && !(types.IsDisposable(method.ReturnType) && !types.IsTask(method.ReturnType))
                && !MayKeep(method)
                ? DisposableUse.Borrow
                : DisposableUse.Escapes;
        }

        private static bool MayKeep(IMethodSymbol method)
        {
            foreach (var prefix in KeepingPrefixes)
            {
                if (method.Name.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] KeepingPrefixes = { "Add", "Set", "Register", "UnsafeRegister", "Attach", "Push", "Enqueue", "Insert", "Store", "Track", "Start", "Begin" };

        /// <summary>
        /// A member of the object that returns another disposable (<c>connection.CreateCommand()</c>,
        /// <c>process.StandardOutput</c>) may depend on it: when that result is kept (stored, returned, passed on),
        /// disposing the object would break it, so the rule stays silent. Results used on the spot are borrows.
        /// </summary>
        private static DisposableUse MemberResultUse(IOperation member, DisposableTypes types)
        {
            if (member.Type is null || !types.IsDisposable(member.Type) || types.IsTask(member.Type))
            {
                return DisposableUse.Borrow;
            }

            if (member is IInvocationOperation { TargetMethod: { } created }
                && created.Name.StartsWith("Create", System.StringComparison.Ordinal)
                && created.ContainingType?.ContainingNamespace is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                // aes.CreateEncryptor(), rsa.Create...(): the transform owns its own native state and outlives the algorithm object.
                return DisposableUse.Borrow;
            }

            var consumer = member.Parent;
            while (consumer is IConversionOperation)
            {
                consumer = consumer.Parent;
            }

            return consumer switch
            {
                IExpressionStatementOperation => DisposableUse.Borrow,
                IInvocationOperation invocation when invocation.Instance is not null && IsWithin(member, invocation.Instance) => DisposableUse.Borrow,
                IPropertyReferenceOperation property when property.Instance is not null && IsWithin(member, property.Instance) => DisposableUse.Borrow,
                _ => DisposableUse.Escapes,
            };
        }

        /// <summary>True when <paramref name="function"/> is a lambda in <paramref name="outer"/>, through lambdas only.</summary>
        private static bool IsLambdaWithin(IOperation function, IOperation outer)
        {
            for (var current = function; current is IAnonymousFunctionOperation lambda && lambda.Parent is { } parent; current = FunctionStructure.EnclosingFunction(parent))
            {
                if (ReferenceEquals(FunctionStructure.EnclosingFunction(parent), outer))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWithin(IOperation operation, IOperation ancestor)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (ReferenceEquals(current, ancestor))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DeclaresPatternVariable(SyntaxNode syntax)
        {
            foreach (var node in syntax.DescendantNodesAndSelf())
            {
                if (node is SingleVariableDesignationSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDisposeMethod(IMethodSymbol method)
            => method.Parameters.IsEmpty && method.Name is "Dispose" or "DisposeAsync" or "Close";
    }
}
