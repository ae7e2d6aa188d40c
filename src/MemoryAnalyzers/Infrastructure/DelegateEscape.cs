using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Decides whether a delegate outlives the method that creates it: returned, stored in a field, property, array
    /// element or ref/out parameter, subscribed to an event, added to a collection that is not a local, or handed to
    /// an API known to keep it (<c>Task.Run</c>, <c>new Thread</c>, <c>CancellationToken.Register</c>, ...).
    /// A delegate passed to any other method (LINQ, <c>List&lt;T&gt;.ForEach</c>, <c>Array.Sort</c>) is taken to be
    /// run and dropped. Only the parent chain of the delegate is looked at: a delegate stored in a local first is
    /// not followed. Resolved once per compilation.
    /// </summary>
    internal sealed class DelegateEscape
    {
        private readonly INamedTypeSymbol? _task;
        private readonly INamedTypeSymbol? _genericTask;
        private readonly INamedTypeSymbol? _taskFactory;
        private readonly INamedTypeSymbol? _genericTaskFactory;
        private readonly INamedTypeSymbol? _threadPool;
        private readonly INamedTypeSymbol? _cancellationToken;
        private readonly INamedTypeSymbol? _thread;
        private readonly INamedTypeSymbol? _timer;
        private readonly INamedTypeSymbol? _lazy;
        private readonly INamedTypeSymbol? _observable;
        private readonly INamedTypeSymbol? _collection;
        private readonly INamedTypeSymbol? _genericCollection;

        public DelegateEscape(Compilation compilation)
        {
            _task = compilation.FindType("System.Threading.Tasks.Task");
            _genericTask = compilation.FindType("System.Threading.Tasks.Task`1");
            _taskFactory = compilation.FindType("System.Threading.Tasks.TaskFactory");
            _genericTaskFactory = compilation.FindType("System.Threading.Tasks.TaskFactory`1");
            _threadPool = compilation.FindType("System.Threading.ThreadPool");
            _cancellationToken = compilation.FindType("System.Threading.CancellationToken");
            _thread = compilation.FindType("System.Threading.Thread");
            _timer = compilation.FindType("System.Threading.Timer");
            _lazy = compilation.FindType("System.Lazy`1");
            _observable = compilation.FindType("System.IObservable`1");
            _collection = compilation.FindType("System.Collections.ICollection");
            _genericCollection = compilation.FindType("System.Collections.Generic.ICollection`1");
        }

        /// <summary>
        /// True when the delegate created by <paramref name="creation"/> outlives the current method.
        /// <paramref name="keepingMembers"/> holds user-listed names: <c>Namespace.Type.Method</c> for a method,
        /// <c>Namespace.Type</c> for every constructor of a type (generic types with their arity: <c>Cache`1</c>).
        /// </summary>
        public bool Escapes(IDelegateCreationOperation creation, ImmutableArray<string> keepingMembers)
        {
            var current = OutermostValue(creation);
            switch (current.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    return KeepsArgument(invocation, keepingMembers);
                case IArgumentOperation { Parent: IObjectCreationOperation { Constructor: { } constructor } }:
                    return KeepsConstructorArgument(constructor.ContainingType, keepingMembers);
                default:
                    return IsStored(creation);
            }
        }

        /// <summary>
        /// True when the delegate is returned, stored in long-lived storage or subscribed to an event: it lives as long as
        /// that storage, not only until a handed-to API (<c>Task.Run</c>) is done with it.
        /// </summary>
        public static bool IsStored(IDelegateCreationOperation creation)
        {
            var current = OutermostValue(creation);
            switch (current.Parent)
            {
                case IReturnOperation:
                    return true;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return IsLongLivedStorage(assignment.Target);
                case ICompoundAssignmentOperation compound when ReferenceEquals(compound.Value, current):
                    return compound.OperatorKind == BinaryOperatorKind.Add && IsLongLivedStorage(compound.Target);
                case IEventAssignmentOperation { Adds: true } eventAssignment:
                    return ReferenceEquals(eventAssignment.HandlerValue, current);
                default:
                    return false;
            }
        }

        /// <summary>The delegate's value as it leaves conversions, conditionals and coalescing: what is stored or passed.</summary>
        private static IOperation OutermostValue(IDelegateCreationOperation creation)
        {
            IOperation current = creation;
            var parent = current.Parent;
            while (parent is IConversionOperation or IDelegateCreationOperation
                || (parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, current))
                || (parent is ICoalesceOperation coalesce && !ReferenceEquals(coalesce.Value, current)))
            {
                current = parent;
                parent = current.Parent;
            }

            return current;
        }

        private static bool IsLongLivedStorage(IOperation target)
        {
            switch (target)
            {
                case IFieldReferenceOperation field:
                    return !IsLocalRooted(field.Instance);
                case IPropertyReferenceOperation property:
                    return !IsLocalRooted(property.Instance);
                case IArrayElementReferenceOperation element:
                    return !IsLocalRooted(element.ArrayReference);
                case IEventReferenceOperation:
                    return true;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.RefKind is RefKind.Ref or RefKind.Out;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Storage reached from a local (<c>local.Handler</c>, <c>local[0]</c>) or from the object being initialised
        /// (<c>new Options { OnError = ... }</c>) lives as long as that object, which may well be dropped: not followed.
        /// </summary>
        private static bool IsLocalRooted(IOperation? instance)
        {
            for (var current = instance?.WithoutImplicitConversions(); current is not null;)
            {
                switch (current)
                {
                    case ILocalReferenceOperation:
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        return true;
                    case IFieldReferenceOperation field:
                        current = field.Instance?.WithoutImplicitConversions();
                        break;
                    case IPropertyReferenceOperation property:
                        current = property.Instance?.WithoutImplicitConversions();
                        break;
                    case IArrayElementReferenceOperation element:
                        current = element.ArrayReference.WithoutImplicitConversions();
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private bool KeepsArgument(IInvocationOperation invocation, ImmutableArray<string> keepingMembers)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (Is(type, _task))
            {
                return method.Name is "Run" or "ContinueWith" && !IsAwaitedAtOnce(invocation);
            }

            if (Is(type, _genericTask))
            {
                return method.Name == "ContinueWith" && !IsAwaitedAtOnce(invocation);
            }

            if (Is(type, _taskFactory) || Is(type, _genericTaskFactory))
            {
                return method.Name is "StartNew" or "ContinueWhenAll" or "ContinueWhenAny" && !IsAwaitedAtOnce(invocation);
            }

            if (Is(type, _threadPool))
            {
                return method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" or "RegisterWaitForSingleObject" or "UnsafeRegisterWaitForSingleObject";
            }

            if (Is(type, _cancellationToken))
            {
                return method.Name is "Register" or "UnsafeRegister";
            }

            if (method.Name == "Subscribe" && IsObservableSubscription(invocation))
            {
                return true;
            }

            if (method.Name is "Add" or "Insert" or "Push" or "Enqueue" or "TryAdd"
                && invocation.Instance is { } receiver
                && IsCollection(receiver.Type)
                && receiver.WithoutImplicitConversions() is IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation
                && !IsLocalRooted(receiver))
            {
                return true;
            }

            return IsListed(type, method.Name, keepingMembers);
        }

        /// <summary>
        /// <c>await Task.Run(...)</c> (also through <c>ConfigureAwait</c>): the delegate is dropped when the task ends,
        /// before the method goes on, so it lives no longer than the method's own variables.
        /// </summary>
        private static bool IsAwaitedAtOnce(IInvocationOperation invocation)
        {
            IOperation current = invocation;
            while (current.Parent is IConversionOperation { IsImplicit: true }
                || (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && ReferenceEquals(configure.Instance, current)))
            {
                current = current.Parent;
            }

            return current.Parent is IAwaitOperation;
        }

        private bool KeepsConstructorArgument(INamedTypeSymbol type, ImmutableArray<string> keepingMembers)
        {
            var definition = type.OriginalDefinition;
            return Is(definition, _thread) || Is(definition, _timer) || Is(definition, _lazy) || IsListed(definition, methodName: null, keepingMembers);
        }

        /// <summary><c>source.Subscribe(...)</c> on an <c>IObservable&lt;T&gt;</c>, as an instance or an extension method.</summary>
        private bool IsObservableSubscription(IInvocationOperation invocation)
        {
            var receiverType = invocation.Instance?.Type
                ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.WithoutImplicitConversions().Type : null);
            return receiverType is INamedTypeSymbol named && Implements(named, _observable);
        }

        private bool IsCollection(ITypeSymbol? type)
            => type is INamedTypeSymbol named && (Implements(named, _genericCollection) || Implements(named, _collection));

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? contract)
        {
            if (contract is null)
            {
                return false;
            }

            if (Is(type.OriginalDefinition, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented.OriginalDefinition, contract))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsListed(INamedTypeSymbol type, string? methodName, ImmutableArray<string> keepingMembers)
        {
            if (keepingMembers.IsEmpty)
            {
                return false;
            }

            var typeName = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
            foreach (var entry in keepingMembers)
            {
                if (methodName is null
                    ? entry == typeName
                    : entry.Length == typeName.Length + 1 + methodName.Length
                        && entry.StartsWith(typeName, System.StringComparison.Ordinal)
                        && entry[typeName.Length] == '.'
                        && entry.EndsWith(methodName, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
    }
}
