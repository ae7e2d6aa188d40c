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

                var eagerSources = new OptionsPerTree<ImmutableArray<string>>(
                    start.Options,
                    RuleIds.MaterializedCollectionConsumedOnce,
                    reader => CopyNecessity.DefaultEagerSources.AddRange(reader.List(RuleOptionNames.EagerSources)));
                ConsumedOnceAnalysis.Register(
                    start,
                    types,
                    context => eagerSources.For(context.Operation.Syntax.SyntaxTree),
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
            var properties = DiagnosticProperties.Empty.With(SingleEnumeration.FormPropertyName, form);
            var additional = localUse is null ? null : new[] { localUse.Syntax.GetLocation() };
            return properties.CreateDiagnostic(Rule, value.Value.Syntax.GetLocation(), additional, value.Name);
        }
    }
}
