using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM015: an instance member subscribes a handler that holds an instance (an instance method of <c>this</c>, a
    /// lambda that captures <c>this</c> or a local) to an event whose publisher lives as long as the process (a static
    /// event, or an event of an object reached through a static field or property), and the type never removes it.
    /// </summary>
    /// <remarks>
    /// Whether the type removes the handler is a fact about the whole type (all its parts): a symbol-start action on
    /// each named type collects its subscriptions and removals, and the symbol-end action reports the subscriptions
    /// left. Reporting per type, not at compilation end, keeps the diagnostic live in the IDE, where the fix needs it.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StaticEventSubscriptionAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.StaticEventSubscription,
            title: "Event subscription keeps its subscriber alive",
            messageFormat: "'{0}' is static: it keeps this handler and the '{1}' it captures alive for the whole process; unsubscribe when done",
            RuleTags.Reliability,
            DiagnosticSeverity.Warning,
            description: "An event holds a strong reference to each handler, and a handler holds its target: the instance of an instance method, or the closure of a lambda. "
                + "When the publisher is static (or reached through a static member), it lives as long as the process, and so does every subscriber it was never told to forget, with everything that subscriber references. "
                + "Remove the handler ('-=') when the subscriber is done, for example in Dispose.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolStartAction(start =>
            {
                if (start.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type || type.IsStatic)
                {
                    return;
                }

                var facts = new TypeFacts();
                start.RegisterOperationAction(context => Collect(context, facts), OperationKind.EventAssignment);
                start.RegisterOperationAction(context => CollectStoredHandler(context, type, facts), OperationKind.SimpleAssignment);
                start.RegisterSymbolEndAction(end => Report(end, facts));
            }, SymbolKind.NamedType);
        }

        /// <summary>The subscriptions that may leak and every removal, for one type.</summary>
        /// <remarks>
        /// One per type of the compilation, most of which subscribe to nothing: the collections are created on first use,
        /// under a lock (callbacks of one type rarely run at the same time). The symbol-end action reads them after every
        /// operation callback of the type has run.
        /// </remarks>
        private sealed class TypeFacts
        {
            private static readonly IReadOnlyList<Subscription> s_none = new Subscription[0];

            private readonly object _gate = new object();
            private List<Subscription>? _subscriptions;
            private Dictionary<ISymbol, string>? _storedHandlers;
            private HashSet<(ISymbol Event, ISymbol Handler)>? _removals;

            public IReadOnlyList<Subscription> Subscriptions => _subscriptions ?? s_none;

            public void AddSubscription(Subscription subscription)
            {
                lock (_gate)
                {
                    (_subscriptions ??= new List<Subscription>()).Add(subscription);
                }
            }

            /// <summary>A delegate field of the type, with what a handler stored in it keeps alive (the first one found).</summary>
            public void AddStoredHandler(ISymbol field, string captured)
            {
                lock (_gate)
                {
                    _storedHandlers ??= new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
                    if (!_storedHandlers.ContainsKey(field))
                    {
                        _storedHandlers.Add(field, captured);
                    }
                }
            }

            /// <summary>An (event, handler method or field) pair removed somewhere in the type.</summary>
            public void AddRemoval(ISymbol eventSymbol, ISymbol handler)
            {
                lock (_gate)
                {
                    (_removals ??= new HashSet<(ISymbol, ISymbol)>(PairComparer.Instance)).Add((eventSymbol, handler));
                }
            }

            public bool IsRemoved(ISymbol eventSymbol, ISymbol handler) => _removals is not null && _removals.Contains((eventSymbol, handler));

            public bool TryGetStoredHandler(ISymbol field, out string? captured)
            {
                captured = null;
                return _storedHandlers is not null && _storedHandlers.TryGetValue(field, out captured);
            }
        }

        private sealed class Subscription
        {
            public Subscription(Location location, IEventSymbol eventSymbol, ISymbol? handler, string root, string? captured)
            {
                Location = location;
                Event = eventSymbol;
                Handler = handler;
                Root = root;
                Captured = captured;
            }

            public Location Location { get; }

            public IEventSymbol Event { get; }

            /// <summary>The handler method or the field that holds the handler; null for a lambda, which no '-=' can remove.</summary>
            public ISymbol? Handler { get; }

            public string Root { get; }

            /// <summary>What the handler keeps alive; null for a handler read from a field, known only from what the type stores there.</summary>
            public string? Captured { get; }
        }

        private static void Collect(OperationAnalysisContext context, TypeFacts facts)
        {
            var assignment = (IEventAssignmentOperation)context.Operation;
            if (assignment.EventReference is not IEventReferenceOperation { Event: var eventSymbol } eventReference)
            {
                return;
            }

            var handler = assignment.HandlerValue.WithoutImplicitConversions();
            if (!assignment.Adds)
            {
                if (HandlerSymbol(handler) is { } removed)
                {
                    facts.AddRemoval(eventSymbol.OriginalDefinition, removed.OriginalDefinition);
                }

                return;
            }

            if (context.ContainingSymbol.IsStatic
                || context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.StaticConstructor }
                || LongLivedRoot(eventReference) is not { } root)
            {
                return;
            }

            // A handler kept in an instance field of this type: what it keeps alive is decided at the end, from what the type stores there.
            if (handler is IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: IInstanceReferenceOperation }
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, context.ContainingSymbol.ContainingType))
            {
                facts.AddSubscription(new Subscription(assignment.Syntax.GetLocation(), eventSymbol.OriginalDefinition, field.OriginalDefinition, root, captured: null));
                return;
            }

            if (Captured(handler, context.ContainingSymbol.ContainingType) is not { } captured)
            {
                return;
            }

            facts.AddSubscription(new Subscription(
                assignment.Syntax.GetLocation(),
                eventSymbol.OriginalDefinition,
                (handler as IDelegateCreationOperation)?.Target is IMethodReferenceOperation method ? method.Method.OriginalDefinition : null,
                root,
                captured));
        }

        /// <summary><c>_handler = (s, e) => …;</c>: a field of the type that holds a handler which keeps an instance alive.</summary>
        private static void CollectStoredHandler(OperationAnalysisContext context, INamedTypeSymbol type, TypeFacts facts)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IFieldReferenceOperation { Field: { IsStatic: false, Type.TypeKind: TypeKind.Delegate } field }
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
                && Captured(assignment.Value.WithoutImplicitConversions(), type) is { } captured)
            {
                facts.AddStoredHandler(field.OriginalDefinition, captured);
            }
        }

        private static void Report(SymbolAnalysisContext context, TypeFacts facts)
        {
            if (facts.Subscriptions.Count == 0)
            {
                return;
            }

            foreach (var subscription in facts.Subscriptions.OrderBy(s => s.Location.SourceSpan.Start))
            {
                if (subscription.Handler is { } handler && facts.IsRemoved(subscription.Event, handler))
                {
                    continue;
                }

                var captured = subscription.Captured;
                if (captured is null && (subscription.Handler is null || !facts.TryGetStoredHandler(subscription.Handler, out captured)))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(Rule, subscription.Location, subscription.Root, captured));
            }
        }

        /// <summary>
        /// The static member that keeps the publisher alive, as the message names it: the static event itself
        /// (<c>Console.CancelKeyPress</c>), or the static field or property that holds the publishing object
        /// (<c>AppDomain.CurrentDomain</c>); null when the publisher's lifetime is not known here.
        /// </summary>
        private static string? LongLivedRoot(IEventReferenceOperation reference)
        {
            if (reference.Event.IsStatic)
            {
                return reference.Event.ContainingType.Name + "." + reference.Event.Name;
            }

            return reference.Instance?.WithoutImplicitConversions() switch
            {
                IFieldReferenceOperation { Field: { IsStatic: true } field } when !field.IsConst => field.ContainingType.Name + "." + field.Name,
                IPropertyReferenceOperation { Property: { IsStatic: true } property } => property.ContainingType.Name + "." + property.Name,
                _ => null,
            };
        }

        /// <summary>
        /// What the handler keeps alive, as the message names it: the subscribing type for an instance method of
        /// <c>this</c> or a lambda that uses <c>this</c>, the captured variables for a lambda that captures only
        /// locals; null for a handler that holds no instance (a static method, a lambda that captures nothing) or whose
        /// target is not known here (a delegate read from a field, a method of another object).
        /// </summary>
        private static string? Captured(IOperation handler, INamedTypeSymbol type)
        {
            if (handler is not IDelegateCreationOperation { Target: var target })
            {
                return null;
            }

            switch (target)
            {
                case IMethodReferenceOperation { Method.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }:
                    return type.Name;
                case IAnonymousFunctionOperation lambda:
                    var captures = ClosureCaptures.Collect(lambda);
                    if (captures.CapturesThis || captures.CapturesUnknown)
                    {
                        return type.Name;
                    }

                    return captures.Variables.Count == 0
                        ? null
                        : string.Join("', '", captures.Variables.Select(variable => variable.Name).OrderBy(name => name, System.StringComparer.Ordinal));
                default:
                    return null;
            }
        }

        /// <summary>The method or field a '-=' names, which a matching '+=' must name too.</summary>
        private static ISymbol? HandlerSymbol(IOperation handler) => handler switch
        {
            IDelegateCreationOperation { Target: IMethodReferenceOperation method } => method.Method,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };

        private sealed class PairComparer : System.Collections.Generic.IEqualityComparer<(ISymbol Event, ISymbol Handler)>
        {
            public static readonly PairComparer Instance = new PairComparer();

            public bool Equals((ISymbol Event, ISymbol Handler) x, (ISymbol Event, ISymbol Handler) y)
                => SymbolEqualityComparer.Default.Equals(x.Event, y.Event) && SymbolEqualityComparer.Default.Equals(x.Handler, y.Handler);

            public int GetHashCode((ISymbol Event, ISymbol Handler) obj)
                => (SymbolEqualityComparer.Default.GetHashCode(obj.Event) * 31) + SymbolEqualityComparer.Default.GetHashCode(obj.Handler);
        }
    }
}
