using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM012: <c>new T[n]</c> used only as a temporary buffer — held in a local that is only indexed, measured, enumerated
    /// or lent to a framework method that does not keep it (<c>Stream.Read</c>, <c>Array.Copy</c>, <c>Encoding.GetString</c>…)
    /// — that either reaches the large object heap (a constant <c>n</c> of 85,000 bytes or more) or is allocated afresh on
    /// every iteration of a loop. Silent for an array that is returned, stored, captured by a lambda or local function,
    /// handed to any other method, created with an initializer, or of constant length 0.
    /// </summary>
    /// <remarks>
    /// Cost: the callback runs on array creations only; a creation with a size that is neither large nor in a loop is
    /// rejected by a constant and a parent walk. The body's local references are collected once per body, and only when
    /// a candidate is held in a local.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TemporaryArrayNotPooledAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "true" when the array is allocated in a loop (the stackalloc fix is offered only then).</summary>
        public const string InLoopProperty = "InLoop";

        /// <summary>
        /// Diagnostic property: the least length the code establishes for a length that is not a constant (absent when none
        /// is known). The fix rents for such a length only when it is present: then the length is never negative.
        /// </summary>
        public const string MinimumLengthProperty = "MinimumLength";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.TemporaryArrayNotPooled,
            title: "Large or repeated temporary array",
            messageFormat: "'{0}' allocates {1} on every {2}; rent the temporary buffer from ArrayPool<{3}>.Shared",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "An array of 85,000 bytes or more is allocated on the large object heap, which is collected only with gen2: "
                + "a temporary buffer of that size, allocated on every call, drives full collections. A buffer allocated on every "
                + "iteration of a loop costs one allocation (and zeroing) per iteration. ArrayPool<T>.Shared.Rent hands out a "
                + "buffer that is reused after Return. Arrays that are returned, stored, captured or passed to a method that may "
                + "keep them are left alone, and so are arrays with an initializer.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (TemporaryArrays.TryCreate(start.Compilation) is not { } arrays)
                {
                    return;
                }

                var callbacks = new LoopCallbackTypes(start.Compilation);
                var references = new BodyCache<Dictionary<ILocalSymbol, LocalReferences>>(LocalReferences.InBody);
                var bounds = new LengthLowerBounds(start.Compilation);
                start.RegisterOperationAction(operationContext => AnalyzeCreation(operationContext, arrays, callbacks, references, bounds), OperationKind.ArrayCreation);
            });
        }

        private static void AnalyzeCreation(
            OperationAnalysisContext context,
            TemporaryArrays arrays,
            LoopCallbackTypes callbacks,
            BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references,
            LengthLowerBounds bounds)
        {
            var creation = (IArrayCreationOperation)context.Operation;
            if (creation.IsImplicit
                || creation.Initializer is not null
                || creation.DimensionSizes.Length != 1
                || creation.Type is not IArrayTypeSymbol { Rank: 1, ElementType: { } elementType })
            {
                return;
            }

            var sizeOperation = creation.DimensionSizes[0].WithoutImplicitConversions();
            var size = sizeOperation.ConstantValue;
            long? count = size.HasValue && size.Value is int or long ? System.Convert.ToInt64(size.Value, CultureInfo.InvariantCulture) : null;
            if (count <= 0)
            {
                return;
            }

            var elementSize = TemporaryArrays.ElementSize(elementType);
            var loops = RepeatedExecution.EnclosingLoops(creation, variable: null, callbacks);
            var inLoop = loops.Count > 0 && RunsOnEveryIteration(creation, loops[0]) && RepeatedExecution.IsRepeated(creation, loops);

            // A length that is not a constant: the least one the code establishes, if any, decides whether it is large.
            var minimum = count ?? (elementSize is null && !inLoop ? null : bounds.Of(sizeOperation));
            var bytes = minimum * elementSize;
            var isLarge = bytes >= TemporaryArrays.LargeObjectThreshold;
            if ((!isLarge && !inLoop) || !IsTemporary(creation, arrays, references))
            {
                return;
            }

            var properties = DiagnosticProperties.Empty.With(InLoopProperty, inLoop);
            if (count is null && minimum is { } least and >= 0 and <= int.MaxValue)
            {
                properties = properties.With(MinimumLengthProperty, (int)least);
            }

            var amount = bytes is { } value && (count is not null || isLarge)
                ? (count is null ? "at least " : string.Empty) + value.ToString("N0", CultureInfo.InvariantCulture) + " bytes" + (isLarge ? " on the large object heap" : string.Empty)
                : "a new array";
            context.ReportDiagnostic(properties.CreateDiagnostic(
                Rule,
                creation.Syntax.GetLocation(),
                additionalLocations: null,
                creation.Syntax.ToString(),
                amount,
                inLoop ? "iteration" : "call",
                elementType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        /// <summary>
        /// True when nothing between the creation and the loop that repeats it decides whether it runs: no <c>if</c>, no
        /// <c>?:</c>, <c>??</c>, <c>?.</c>, <c>&amp;&amp;</c>/<c>||</c>, <c>switch</c> or <c>catch</c>. A buffer allocated
        /// only on some iterations (often only the first) is left alone.
        /// </summary>
        private static bool RunsOnEveryIteration(IOperation creation, IOperation loop)
        {
            var child = creation;
            for (var parent = creation.Parent; parent is not null && !ReferenceEquals(parent, loop); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child):
                    case ICoalesceOperation coalesce when !ReferenceEquals(coalesce.Value, child):
                    case IConditionalAccessOperation access when !ReferenceEquals(access.Operation, child):
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when !ReferenceEquals(binary.LeftOperand, child):
                    case ISwitchCaseOperation:
                    case ISwitchExpressionArmOperation:
                    case ICatchClauseOperation:
                        return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when the array lives only during the call: it is lent straight to a borrowing framework method, or it is the
        /// value of a plain local whose every reference, all in the function that declares it, is a temporary use.
        /// </summary>
        private static bool IsTemporary(IArrayCreationOperation creation, TemporaryArrays arrays, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            var value = SingleEnumeration.OutermostConversion(creation);
            if (IsLent(value, arrays))
            {
                return true;
            }

            ILocalSymbol local;
            switch (value.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { RefKind: RefKind.None } declared } }:
                    local = declared;
                    break;
                case ISimpleAssignmentOperation { IsRef: false, Target: ILocalReferenceOperation { Local: { RefKind: RefKind.None } assigned }, Parent: IExpressionStatementOperation } assignment
                    when ReferenceEquals(assignment.Value, value):
                    local = assigned;
                    break;
                default:
                    return false;
            }

            if (!references.For(creation).TryGetValue(local, out var uses))
            {
                // Never read: the allocation is all there is, and nothing keeps the array.
                return true;
            }

            if (!ReferenceEquals(uses.Function, FunctionStructure.EnclosingFunction(creation)))
            {
                return false;
            }

            foreach (var use in uses.Sorted)
            {
                if (!IsTemporaryUse(use, arrays))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A use that cannot let the array outlive the call: an element access, <c>Length</c>, the collection of a
        /// <c>foreach</c>, a new value stored into the local, or a loan to a borrowing framework method.
        /// </summary>
        private static bool IsTemporaryUse(ILocalReferenceOperation use, TemporaryArrays arrays)
        {
            switch (use.Parent)
            {
                case IArrayElementReferenceOperation element when ReferenceEquals(element.ArrayReference, use):
                case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Rank" } property when ReferenceEquals(property.Instance, use):
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, use):
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, use) && arrays.Borrows(invocation):
                    return true;
                default:
                    var value = SingleEnumeration.OutermostConversion(use);
                    return value.Parent is IForEachLoopOperation loop && ReferenceEquals(loop.Collection, value)
                        || IsLent(value, arrays);
            }
        }

        /// <summary>The value is an argument, passed by value, of a borrowing framework method.</summary>
        private static bool IsLent(IOperation value, TemporaryArrays arrays)
            => value.Parent is IArgumentOperation { Parameter.RefKind: RefKind.None or RefKind.In, Parent: IInvocationOperation invocation }
                && arrays.Borrows(invocation);
    }
}
