using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM014: a field of the type (an instance field of <c>this</c> or a static field) that a statement of a loop reads and
    /// writes on every iteration (<c>_total += x;</c>, <c>_count++;</c>, <c>this.sum = this.sum + v;</c>). The compiler must
    /// load and store it in memory each time, because other code could look at it; a local stays in a register. Reported
    /// only when nothing in the loop could look at the field meanwhile and the type does not share it across threads.
    /// </summary>
    /// <remarks>
    /// Cost: the callback filters by operation kind and field symbol first; a loop with a candidate is walked once (a weak
    /// per-loop cache), and a type's declarations are scanned once for locks (a per-compilation table).
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FieldUpdatedInLoopAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.FieldUpdatedInLoop,
            title: "Field updated on every iteration of a loop",
            messageFormat: "Field '{0}' is loaded and stored in memory on every iteration of this loop; accumulate in a local instead",
            RuleTags.Performance,
            DiagnosticSeverity.Info,
            description: "A field may be seen by other code, so the compiler reads it from memory and writes it back on every update "
                + "inside a loop; a local can stay in a register. Read the field into a local before the loop, update the local, and "
                + "store it back after the loop and on every exit from it. Reported only when nothing in the loop could look at the "
                + "field meanwhile (no call that may reach code of the same type, no virtual or interface call the type implements, "
                + "no delegate invocation, await, yield return, lock, Interlocked, Volatile or Monitor) and the type takes no lock anywhere.");

        private static readonly ImmutableArray<string> s_synchronizationNames = ImmutableArray.Create(
            "System.Threading.Interlocked",
            "System.Threading.Volatile",
            "System.Threading.Monitor");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var state = new CompilationState(RuleOptions.ResolveTypes(start.Compilation, s_synchronizationNames));
                start.RegisterOperationAction(
                    context => Analyze(context, state),
                    OperationKind.CompoundAssignment,
                    OperationKind.Increment,
                    OperationKind.Decrement,
                    OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, CompilationState state)
        {
            if (UpdatedField(context.Operation) is not { } reference
                || context.ContainingSymbol?.ContainingType is not { } type
                || !IsCandidateField(reference, type)
                || context.Operation.Parent is not IExpressionStatementOperation statement
                || LoopRunningOnEveryIteration(statement) is not { } loop
                || state.Facts(loop, type).Blocks(reference.Field)
                || state.TakesLocks(type))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, statement.Syntax.GetLocation(), reference.Field.Name));
        }

        /// <summary>The field a compound assignment, increment or decrement updates, or that <c>f = … f …</c> reads and writes.</summary>
        internal static IFieldReferenceOperation? UpdatedField(IOperation operation)
        {
            switch (operation)
            {
                case ICompoundAssignmentOperation { Target: IFieldReferenceOperation field }:
                    return field;
                case IIncrementOrDecrementOperation { Target: IFieldReferenceOperation field }:
                    return field;
                case ISimpleAssignmentOperation { IsRef: false, Target: IFieldReferenceOperation field } assignment:
                    foreach (var read in assignment.Value.DescendantsAndSelf())
                    {
                        if (read is IFieldReferenceOperation other && IsSameField(other, field))
                        {
                            return field;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>A writable, non-volatile field of the containing type, of <c>this</c> or static.</summary>
        internal static bool IsCandidateField(IFieldReferenceOperation reference, INamedTypeSymbol type)
        {
            var field = reference.Field;
            return !field.IsVolatile
                && !field.IsReadOnly
                && !field.IsConst
                && field.RefKind == RefKind.None
                && SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, type.OriginalDefinition)
                && (field.IsStatic || IsThis(reference.Instance));
        }

        private static bool IsSameField(IFieldReferenceOperation a, IFieldReferenceOperation b)
            => SymbolEqualityComparer.Default.Equals(a.Field, b.Field) && (a.Field.IsStatic || IsThis(a.Instance));

        private static bool IsThis(IOperation? instance)
            => instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        /// <summary>
        /// The innermost loop whose every iteration runs the statement: the statement sits in the loop's body through plain
        /// blocks only, or is an incrementor of a <c>for</c>. Null when a lambda or local function lies between them.
        /// </summary>
        internal static ILoopOperation? LoopRunningOnEveryIteration(IOperation statement)
        {
            var current = statement;
            while (current.Parent is IBlockOperation block)
            {
                current = block;
            }

            return current.Parent switch
            {
                IForLoopOperation forLoop when !forLoop.Before.Contains(current) && forLoop.Condition != current => forLoop,
                ILoopOperation loop when loop.Body == current => loop,
                _ => null,
            };
        }

        /// <summary>Per-compilation tables: the types that take a lock, and what each loop with a candidate holds.</summary>
        private sealed class CompilationState
        {
            private readonly ImmutableArray<INamedTypeSymbol> _synchronization;
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _locking = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConditionalWeakTable<IOperation, LoopFacts> _loops = new ConditionalWeakTable<IOperation, LoopFacts>();

            public CompilationState(ImmutableArray<INamedTypeSymbol> synchronization) => _synchronization = synchronization;

            /// <summary>What the loop holds; a loop nested in it is summarised once and merged, so nested loops cost their size once.</summary>
            public LoopFacts Facts(ILoopOperation loop, INamedTypeSymbol type) => _loops.GetValue(loop, _ => LoopFacts.Compute(loop, type, _synchronization, this));

            /// <summary>
            /// Whether the type shares its state across threads: a <c>lock (</c> statement, or a use of <c>Interlocked.</c>,
            /// <c>Volatile.</c> or <c>Monitor.</c>, anywhere in its declarations. Found in the declarations' text, once per type
            /// (walking a large type's syntax would build its whole red tree): a look-alike in a comment or a string only makes
            /// the rule quieter.
            /// </summary>
            public bool TakesLocks(INamedTypeSymbol type) => _locking.GetOrAdd(type.OriginalDefinition, ScanForLocks);

            private static bool ScanForLocks(INamedTypeSymbol type)
            {
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var text = reference.SyntaxTree.GetText().ToString(reference.Span);
                    if (HasWord(text, "lock", '(') || HasWord(text, "Interlocked", '.') || HasWord(text, "Volatile", '.') || HasWord(text, "Monitor", '.'))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The word on its own (no identifier character before it), followed, after blanks, by <paramref name="next"/>.</summary>
            private static bool HasWord(string text, string word, char next)
            {
                for (var at = text.IndexOf(word, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, System.StringComparison.Ordinal))
                {
                    if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_' || text[at - 1] == '@'))
                    {
                        continue;
                    }

                    var end = at + word.Length;
                    while (end < text.Length && char.IsWhiteSpace(text[end]))
                    {
                        end++;
                    }

                    if (end < text.Length && text[end] == next)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>What one loop holds: whether anything in it could look at the type's fields, and the fields it uses in ways a local could not stand for.</summary>
        private sealed class LoopFacts
        {
            private readonly bool _observed;
            private readonly HashSet<IFieldSymbol> _unsafeFields;

            private LoopFacts(bool observed, HashSet<IFieldSymbol> unsafeFields)
            {
                _observed = observed;
                _unsafeFields = unsafeFields;
            }

            public bool Blocks(IFieldSymbol field) => _observed || _unsafeFields.Contains(field);

            public static LoopFacts Compute(ILoopOperation loop, INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> synchronization, CompilationState state)
            {
                var unsafeFields = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
                var pending = new Stack<IOperation>();
                pending.Push(loop);
                while (pending.Count > 0)
                {
                    var operation = pending.Pop();
                    if (operation != loop && operation is ILoopOperation inner)
                    {
                        var nested = state.Facts(inner, type);
                        if (nested._observed)
                        {
                            return new LoopFacts(true, unsafeFields);
                        }

                        unsafeFields.UnionWith(nested._unsafeFields);
                        continue;
                    }

                    if (Observes(operation, type, synchronization))
                    {
                        return new LoopFacts(true, unsafeFields);
                    }

                    if (operation is IFieldReferenceOperation field && !IsPlainUse(field))
                    {
                        unsafeFields.Add(field.Field);
                    }

                    foreach (var child in operation.ChildOperations)
                    {
                        pending.Push(child);
                    }
                }

                return new LoopFacts(false, unsafeFields);
            }

            /// <summary>A use a local can stand for: on <c>this</c> (or static), not by reference, not inside a lambda or local function.</summary>
            private static bool IsPlainUse(IFieldReferenceOperation field)
            {
                if (!field.Field.IsStatic && !IsThis(field.Instance))
                {
                    return false;
                }

                // `ref _total` (an argument, a ref local, a ref return) or `&_total`: the field itself escapes.
                return field.Parent is not (IArgumentOperation { Parameter.RefKind: not RefKind.None } or IAddressOfOperation)
                    && field.Syntax.Parent is not RefExpressionSyntax;
            }

            /// <summary>Whether the operation could run code that looks at the type's fields while the loop runs.</summary>
            private static bool Observes(IOperation operation, INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> synchronization)
            {
                switch (operation)
                {
                    case IAwaitOperation:
                    case ILockOperation:
                    case IReturnOperation { Kind: OperationKind.YieldReturn }:
                    case IDynamicInvocationOperation:
                    case IDynamicMemberReferenceOperation:
                    case IDynamicIndexerAccessOperation:
                    case IDynamicObjectCreationOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IDelegateCreationOperation:
                        return true;
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance:
                        // `this` itself may go only where a field of it is read or written.
                        return instance.Parent is not IFieldReferenceOperation;
                    case IInvocationOperation invocation:
                        return invocation.TargetMethod.MethodKind is MethodKind.DelegateInvoke or MethodKind.LocalFunction
                            || IsSynchronization(invocation.TargetMethod, synchronization)
                            || MayReachType(invocation.TargetMethod, invocation.Instance, type);
                    case IObjectCreationOperation creation:
                        return creation.Constructor is { } constructor && MayReachType(constructor, null, type);
                    case IPropertyReferenceOperation property:
                        return MayReachType(property.Property.GetMethod ?? property.Property.SetMethod, property.Instance, type);
                    case IEventReferenceOperation eventReference:
                        return MayReachType(eventReference.Event.AddMethod, eventReference.Instance, type);
                    case IBinaryOperation { OperatorMethod: { } method }:
                        return MayReachType(method, null, type);
                    case IUnaryOperation { OperatorMethod: { } method }:
                        return MayReachType(method, null, type);
                    case ICompoundAssignmentOperation { OperatorMethod: { } method }:
                        return MayReachType(method, null, type);
                    case IIncrementOrDecrementOperation { OperatorMethod: { } method }:
                        return MayReachType(method, null, type);
                    case IConversionOperation { OperatorMethod: { } method }:
                        return MayReachType(method, null, type);
                    case IForEachLoopOperation { IsAsynchronous: true }:
                    case IUsingOperation { IsAsynchronous: true }:
                        return true;
                    case IForEachLoopOperation forEach:
                        return Implements(type, forEach.Collection.WithoutImplicitConversions().Type);
                    case IUsingOperation:
                        return IsDisposable(type);
                    default:
                        return false;
                }
            }

            private static bool IsSynchronization(IMethodSymbol method, ImmutableArray<INamedTypeSymbol> synchronization)
            {
                foreach (var known in synchronization)
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType, known))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A call that may run code of <paramref name="type"/>: a member of the type, of a type nested in it or around it,
            /// or of one of its base types; or a virtual or interface member the type could override or implement.
            /// </summary>
            private static bool MayReachType(IMethodSymbol? method, IOperation? instance, INamedTypeSymbol type)
            {
                if (method is null)
                {
                    return false;
                }

                var containing = method.ContainingType.OriginalDefinition;
                if (IsRelated(containing, type))
                {
                    return true;
                }

                var dispatched = method.IsVirtual || method.IsAbstract || method.IsOverride;
                if (!dispatched || instance?.Type is { IsValueType: true } or { IsSealed: true })
                {
                    return false;
                }

                if (containing.SpecialType == SpecialType.System_Object)
                {
                    // Object's virtual members reach the type only through its own overrides.
                    return !type.GetMembers(method.Name).IsEmpty;
                }

                return Implements(type, containing);
            }

            private static bool IsRelated(INamedTypeSymbol containing, INamedTypeSymbol type)
            {
                for (var outer = type.OriginalDefinition; outer is not null; outer = outer.ContainingType)
                {
                    if (SymbolEqualityComparer.Default.Equals(containing, outer))
                    {
                        return true;
                    }
                }

                for (var inner = containing.ContainingType; inner is not null; inner = inner.ContainingType)
                {
                    if (SymbolEqualityComparer.Default.Equals(inner, type.OriginalDefinition))
                    {
                        return true;
                    }
                }

                for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(containing, baseType.OriginalDefinition))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>True when <paramref name="type"/> derives from or implements <paramref name="other"/> (original definitions).</summary>
            private static bool Implements(INamedTypeSymbol type, ITypeSymbol? other)
            {
                if (other is not INamedTypeSymbol named)
                {
                    return false;
                }

                var target = named.OriginalDefinition;
                for (var current = type.OriginalDefinition; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                    {
                        return true;
                    }
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsDisposable(INamedTypeSymbol type)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.SpecialType == SpecialType.System_IDisposable)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
