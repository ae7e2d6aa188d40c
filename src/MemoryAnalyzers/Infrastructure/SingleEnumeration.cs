using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>How a materialised sequence is consumed. Travels to the fixers in the diagnostic's properties.</summary>
    internal enum ConsumptionForm
    {
        /// <summary>The collection of a <c>foreach</c>.</summary>
        ForEach,

        /// <summary>The source of one more LINQ operator (or a chain of deferred operators ending in one that enumerates at once).</summary>
        LinqOperator,

        /// <summary>An argument the callee only enumerates: <c>string.Join</c>, <c>List&lt;T&gt;.AddRange</c>, a <c>HashSet&lt;T&gt;</c> constructor.</summary>
        EnumeratingArgument,

        /// <summary><c>seq.ToList().ForEach(x =&gt; ...)</c>.</summary>
        ListForEach,
    }

    /// <summary>
    /// Decides whether a value (a freshly materialised collection, or the one read of a local holding it) is enumerated
    /// exactly once, right away, and by whom. Walks go up the parent chain only.
    /// </summary>
    internal static class SingleEnumeration
    {
        public const string FormPropertyName = "Form";

        /// <summary>Skips the implicit conversions wrapping <paramref name="value"/>; returns the outermost of them (or the value).</summary>
        public static IOperation OutermostConversion(IOperation value)
        {
            while (value.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion;
            }

            return value;
        }

        /// <summary>
        /// The operation that enumerates <paramref name="value"/> once (the loop, the outermost LINQ call, the call that takes
        /// it), or null when the value is used any other way. With <paramref name="copiedFrom"/>, the sequence an array value
        /// was copied from, a library method that would take that sequence instead of the array counts too
        /// (<see cref="SequenceOverload"/>).
        /// </summary>
        public static IOperation? FindConsumer(IOperation value, SequenceTypes types, bool allowListForEach, out ConsumptionForm form, IOperation? copiedFrom = null)
        {
            form = ConsumptionForm.ForEach;
            var current = OutermostConversion(value);
            switch (current.Parent)
            {
                case IForEachLoopOperation loop when ReferenceEquals(loop.Collection, current) && !loop.IsAsynchronous:
                    form = ConsumptionForm.ForEach;
                    return loop;

                case IArgumentOperation { Parent: IInvocationOperation invocation, Parameter: { } parameter } argument:
                    var method = invocation.TargetMethod;
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable) && method.IsExtensionMethod && parameter.Ordinal == 0)
                    {
                        form = ConsumptionForm.LinqOperator;
                        if (SequenceTypes.ImmediateOperators.Contains(method.Name))
                        {
                            return invocation;
                        }

                        // A deferred operator keeps reading the source later: only fine when its result is consumed at once too.
                        return SequenceTypes.DeferredOperators.Contains(method.Name)
                            && FindConsumer(invocation, types, allowListForEach: false, out var outer) is { } consumer
                            && outer != ConsumptionForm.ListForEach
                            ? consumer
                            : null;
                    }

                    form = ConsumptionForm.EnumeratingArgument;
                    return OnlyEnumerates(method, parameter, types)
                        || (copiedFrom is not null && SequenceOverload.AcceptsSource(invocation, argument, copiedFrom, types))
                        ? invocation
                        : null;

                case IArgumentOperation { Parent: IObjectCreationOperation creation, Parameter: { } parameter }
                    when creation.Constructor is { } constructor && parameter.Ordinal == 0 && types.IsGenericEnumerable(parameter.Type)
                        && (IsConstructedFrom(constructor.ContainingType, types.List) || IsConstructedFrom(constructor.ContainingType, types.HashSet)):
                    form = ConsumptionForm.EnumeratingArgument;
                    return creation;

                case IInvocationOperation { TargetMethod: { Name: "ForEach" } forEachMethod } invocation
                    when allowListForEach && ReferenceEquals(invocation.Instance, current) && IsConstructedFrom(forEachMethod.ContainingType, types.List):
                    form = ConsumptionForm.ListForEach;
                    return invocation;

                default:
                    return null;
            }
        }

        /// <summary>Callees known to enumerate an <c>IEnumerable&lt;T&gt;</c> argument once and keep none of it.</summary>
        private static bool OnlyEnumerates(IMethodSymbol method, IParameterSymbol parameter, SequenceTypes types)
        {
            var type = method.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(type, types.String))
            {
                // string.Join(",", items) and string.Concat(items); a string[] argument binds to the params overload.
                return (method.Name == "Join" || method.Name == "Concat")
                    && (types.IsGenericEnumerable(parameter.Type)
                        || (parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } && parameter.IsParams));
            }

            if (!types.IsGenericEnumerable(parameter.Type))
            {
                return false;
            }

            if (IsConstructedFrom(type, types.List))
            {
                return method.Name == "AddRange" || method.Name == "InsertRange";
            }

            return IsConstructedFrom(type, types.HashSet) && method.Name == "UnionWith";
        }

        public static bool IsConstructedFrom(INamedTypeSymbol? type, INamedTypeSymbol? definition)
            => type is not null && definition is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition);

        /// <summary>
        /// True when nothing repeats or defers the consumer relative to <paramref name="boundary"/>: no loop or lambda
        /// between them. Used for a local read once, so that "once" in the text is once at run time.
        /// </summary>
        public static bool RunsOnceWithin(IOperation operation, IOperation boundary)
            => RepeatedExecution.Repeater(operation, boundary, out _) is null;
    }
}
