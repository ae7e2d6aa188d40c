using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM001: a string variable declared outside a loop is re-built from itself inside the loop.
    /// Each iteration copies the whole string, so n appends of k characters copy O(n²·k) characters.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StringConcatenationInLoopAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.StringConcatenationInLoop,
            title: "String concatenation in a loop",
            messageFormat: "'{0}' is copied whole on every iteration, O(n²) bytes over n iterations; append to a StringBuilder instead",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "Strings are immutable: 's += x' allocates a new string and copies every character of 's' into it. "
                + "Repeated in a loop, the copies add up to the square of the final length. A StringBuilder appends into a growing buffer.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var callbacks = new LoopCallbackTypes(start.Compilation);
                start.RegisterOperationAction(
                    operationContext => AnalyzeAssignment(operationContext, callbacks),
                    OperationKind.CompoundAssignment,
                    OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, LoopCallbackTypes callbacks)
        {
            if (!StringAccumulation.TryMatch(context.Operation, out var target, out _))
            {
                return;
            }

            var variable = VariableSymbol(target);

            // 'item.Text += x' where 'item' is declared in the loop appends to a different object each iteration:
            // only the loops outside the receiver's declaration re-build one string.
            var loops = RepeatedExecution.EnclosingLoops(context.Operation, ReceiverVariable(target) ?? variable, callbacks);
            if (loops.Count == 0 || !RepeatedExecution.IsRepeated(context.Operation, loops))
            {
                return;
            }

            var outermostLoop = loops[loops.Count - 1];
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                context.Operation.Syntax.GetLocation(),
                additionalLocations: new[] { outermostLoop.Syntax.GetLocation() },
                variable?.Name ?? target.Syntax.ToString()));
        }

        /// <summary>The local or parameter at the root of a field or property chain (<c>a</c> in <c>a.B.Text</c>), if any.</summary>
        private static ISymbol? ReceiverVariable(IOperation target)
        {
            if (target is not (IFieldReferenceOperation or IPropertyReferenceOperation))
            {
                return null;
            }

            return target.RootOfMemberChain()?.LocalOrParameter();
        }

        private static ISymbol? VariableSymbol(IOperation target) => target.ReferencedVariable();
    }
}
