using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM011: a process-wide change to the collector that is not undone on every path. <c>GC.TryStartNoGCRegion</c> without
    /// <c>GC.EndNoGCRegion</c> in a finally of the same function; <c>GCSettings.LatencyMode = x</c> without an assignment back
    /// in a finally of the same function; <c>GC.AddMemoryPressure</c> in a type with no <c>GC.RemoveMemoryPressure</c> of its own.
    /// </summary>
    /// <remarks>
    /// An assignment that itself restores a mode saved earlier (<c>var old = GCSettings.LatencyMode; … GCSettings.LatencyMode = old;</c>)
    /// is not a change: the set before it is the one reported. Any <c>RemoveMemoryPressure</c> in the type counts (in
    /// <c>Dispose</c>, a finalizer, or a helper they call); a nested type's does not.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GcModeNotRestoredAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The diagnostic property that tells the fixer which form was found, one of the <c>*Form</c> values.</summary>
        internal const string FormProperty = "Form";
        internal const string NoGCRegionForm = "NoGCRegion";
        internal const string LatencyModeForm = "LatencyMode";
        internal const string MemoryPressureForm = "MemoryPressure";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.GcModeNotRestored,
            title: "GC mode or memory pressure not restored",
            messageFormat: "'{0}' {1}; {2}",
            RuleTags.Reliability,
            DiagnosticSeverity.Warning,
            description: "A no-GC region, a latency mode and added memory pressure apply to the whole process, not to the method that sets them. "
                + "A no-GC region left open lets the heap grow without a collection until its budget runs out; a latency mode left at "
                + "LowLatency or SustainedLowLatency holds back full collections for every thread; memory pressure never removed makes the "
                + "collector run more and more often. End the region and restore the previous latency mode in a finally, so an exception "
                + "does not skip it, and remove the pressure the type added when its object is disposed or finalized.");

        private static readonly (string Cost, string Remedy) s_noGCRegion = (
            "starts a no-GC region that no finally ends: after an exception the process allocates without collecting",
            "end it in a finally");

        private static readonly (string Cost, string Remedy) s_latencyMode = (
            "changes the process's latency mode and no finally restores it: after an exception full collections stay held back",
            "restore it in a finally");

        private static readonly (string Cost, string Remedy) s_memoryPressure = (
            "adds memory pressure this type never removes: the collector keeps counting those bytes and collects ever more often",
            "remove it in Dispose or the finalizer");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (GcMembers.TryCreate(start.Compilation) is not { } gc)
                {
                    return;
                }

                var removesPressure = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(context => AnalyzeInvocation(context, gc, removesPressure), OperationKind.Invocation);
                if (gc.Settings is not null)
                {
                    start.RegisterOperationAction(context => AnalyzeAssignment(context, gc), OperationKind.SimpleAssignment);
                }
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, GcMembers gc, ConcurrentDictionary<INamedTypeSymbol, bool> removesPressure)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (gc.IsGcCall(invocation, "TryStartNoGCRegion"))
            {
                var function = FunctionStructure.EnclosingFunction(invocation);
                if (!AnyInFinally(function, operation => gc.IsGcCall(operation, "EndNoGCRegion")))
                {
                    Report(context, invocation, NoGCRegionForm, s_noGCRegion);
                }
            }
            else if (gc.IsGcCall(invocation, "AddMemoryPressure")
                && context.ContainingSymbol.ContainingType is { } type
                && !removesPressure.GetOrAdd(type, t => RemovesPressure(t, gc, invocation.SemanticModel, context.CancellationToken)))
            {
                Report(context, invocation, MemoryPressureForm, s_memoryPressure);
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, GcMembers gc)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!gc.IsSettingsAssignment(assignment, "LatencyMode"))
            {
                return;
            }

            var function = FunctionStructure.EnclosingFunction(assignment);
            if (FunctionStructure.PositionInHandlers(assignment, function) == HandlerPosition.Finally
                || IsSavedMode(assignment.Value, function, gc)
                || FollowsAnotherChange(assignment, function, gc)
                || AnyInFinally(function, operation => gc.IsSettingsAssignment(operation, "LatencyMode")))
            {
                return;
            }

            Report(context, assignment, LatencyModeForm, s_latencyMode);
        }

        private static void Report(OperationAnalysisContext context, IOperation operation, string form, (string Cost, string Remedy) message)
            => context.ReportDiagnostic(DiagnosticProperties.Empty.With(FormProperty, form).CreateDiagnostic(
                Rule,
                operation.Syntax.GetLocation(),
                additionalLocations: null,
                operation.Syntax.ToString(),
                message.Cost,
                message.Remedy));

        /// <summary>True when some operation of <paramref name="function"/> itself (not of a nested function) matches and runs in a finally.</summary>
        private static bool AnyInFinally(IOperation function, System.Func<IOperation, bool> matches)
        {
            foreach (var operation in function.Descendants())
            {
                if (matches(operation)
                    && ReferenceEquals(FunctionStructure.EnclosingFunction(operation), function)
                    && FunctionStructure.PositionInHandlers(operation, function) == HandlerPosition.Finally)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An earlier statement of the same function already changed the mode: this assignment puts it back (or changes it
        /// again), and the first change is the one reported.
        /// </summary>
        private static bool FollowsAnotherChange(ISimpleAssignmentOperation assignment, IOperation function, GcMembers gc)
        {
            foreach (var operation in function.Descendants())
            {
                if (operation.Syntax.SpanStart >= assignment.Syntax.SpanStart)
                {
                    continue;
                }

                if (gc.IsSettingsAssignment(operation, "LatencyMode") && ReferenceEquals(FunctionStructure.EnclosingFunction(operation), function))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value is a local that the function fills from <c>GCSettings.LatencyMode</c>: the assignment puts a saved mode back.</summary>
        private static bool IsSavedMode(IOperation value, IOperation function, GcMembers gc)
        {
            if (value.WithoutImplicitConversions() is not ILocalReferenceOperation { Local: var local })
            {
                return false;
            }

            foreach (var operation in function.Descendants())
            {
                var source = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.Initializer?.Value,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                    _ => null,
                };
                if (source is not null && gc.IsSettingsProperty(source.WithoutImplicitConversions(), "LatencyMode"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when a member of <paramref name="type"/> itself calls <c>GC.RemoveMemoryPressure</c>. Computed once per type,
        /// only for types that add pressure: their declarations are searched for the name, and each match in the tree of the
        /// call is bound. A match in another file of a partial type is taken on its name alone, so the rule stays silent
        /// rather than guess.
        /// </summary>
        private static bool RemovesPressure(INamedTypeSymbol type, GcMembers gc, SemanticModel? model, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                foreach (var node in declaration.DescendantNodes(node => node == declaration || node is not BaseTypeDeclarationSyntax))
                {
                    if (node is InvocationExpressionSyntax { Expression: var expression } invocation
                        && NameOf(expression) == "RemoveMemoryPressure"
                        && (model is null
                            || model.SyntaxTree != declaration.SyntaxTree
                            || gc.IsGcCall(model.GetOperation(invocation, cancellationToken), "RemoveMemoryPressure")))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? NameOf(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };
    }
}
