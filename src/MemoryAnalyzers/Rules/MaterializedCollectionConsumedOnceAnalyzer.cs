using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM006: <c>ToList()</c>, <c>ToArray()</c> or <c>new List&lt;T&gt;(seq)</c> copies a sequence that is then enumerated
    /// once, right away: the copy holds every element at the same time for nothing.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MaterializedCollectionConsumedOnceAnalyzer : DiagnosticAnalyzer
    {
        public const string EagerSourcesOption = "eager_sources";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.MaterializedCollectionConsumedOnce,
            title: "Materialised collection consumed once",
            messageFormat: "'{0}' copies every element into a collection that is enumerated only once; enumerate the source directly",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "ToList(), ToArray() and new List<T>(seq) allocate a buffer for the whole sequence (growing and copying it as it fills). "
                + "When the result is only looped over once, passed to one LINQ operator or to a method that only enumerates it, "
                + "the elements can be streamed one at a time instead.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = SequenceTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                ConsumedOnceAnalysis.Register(
                    start,
                    types,
                    context => CopyNecessity.DefaultEagerSources.AddRange(
                        RuleOptions.GetList(context.Options, context.Operation.Syntax.SyntaxTree, RuleIds.MaterializedCollectionConsumedOnce, EagerSourcesOption)),
                    operation => Recognize(operation, types),
                    enumerated: null,
                    Create,
                    ConsumedOnceForms.SequenceOverloads | ConsumedOnceForms.LaterReads,
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation);
            });
        }

        private static SequenceValue? Recognize(IOperation operation, SequenceTypes types)
            => Materialization.Source(operation, types) is { } source
                ? new SequenceValue(operation, source, Materialization.Describe(operation))
                : null;

        private static Diagnostic Create(SequenceValue value, ConsumptionForm form, IOperation? localUse)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(SingleEnumeration.FormPropertyName, form.ToString());
            var additional = localUse is null ? null : new[] { localUse.Syntax.GetLocation() };
            return Diagnostic.Create(Rule, value.Value.Syntax.GetLocation(), additional, properties, value.Name);
        }
    }
}
