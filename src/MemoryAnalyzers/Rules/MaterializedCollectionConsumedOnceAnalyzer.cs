using System.Collections.Generic;
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
            messageFormat: "'{0}' copies every element into a new collection that is enumerated only once; enumerate the source directly",
            RuleCategories.Performance,
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

                start.RegisterOperationBlockStartAction(block =>
                {
                    if (block.OperationBlocks.IsEmpty)
                    {
                        return;
                    }

                    var eagerSources = CopyNecessity.DefaultEagerSources.AddRange(
                        RuleOptions.GetList(block.Options, block.OperationBlocks[0].Syntax.SyntaxTree, RuleIds.MaterializedCollectionConsumedOnce, EagerSourcesOption));
                    var analysis = new BlockAnalysis(types, eagerSources);
                    block.RegisterOperationAction(analysis.AnalyzeMaterialization, OperationKind.Invocation, OperationKind.ObjectCreation);
                    block.RegisterOperationAction(analysis.CountReference, OperationKind.LocalReference);
                    block.RegisterOperationBlockEndAction(analysis.ReportLocals);
                });
            });
        }

        /// <summary>One method body: direct uses are reported at once, locals once every reference has been counted.</summary>
        private sealed class BlockAnalysis
        {
            private readonly SequenceTypes _types;
            private readonly ImmutableArray<string> _eagerSources;
            private readonly object _gate = new object();
            private readonly List<(IOperation Materialization, IOperation Source, ILocalSymbol Local, IOperation Declaration)> _locals = new();
            private readonly Dictionary<ILocalSymbol, (int Count, ILocalReferenceOperation First)> _references = new(SymbolEqualityComparer.Default);

            public BlockAnalysis(SequenceTypes types, ImmutableArray<string> eagerSources)
            {
                _types = types;
                _eagerSources = eagerSources;
            }

            public void AnalyzeMaterialization(OperationAnalysisContext context)
            {
                var source = Materialization.Source(context.Operation, _types);
                if (source is null)
                {
                    return;
                }

                if (Materialization.LocalDeclaration(context.Operation) is { } declarator)
                {
                    lock (_gate)
                    {
                        _locals.Add((context.Operation, source, declarator.Symbol, declarator));
                    }

                    return;
                }

                var consumer = SingleEnumeration.FindConsumer(context.Operation, _types, allowListForEach: true, out var form);
                if (consumer is null)
                {
                    return;
                }

                var facts = CopyNecessity.ForSource(source, _eagerSources);
                if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(consumer, context.Operation))
                {
                    return;
                }

                context.ReportDiagnostic(Create(context.Operation, form, null));
            }

            public void CountReference(OperationAnalysisContext context)
            {
                var reference = (ILocalReferenceOperation)context.Operation;
                lock (_gate)
                {
                    _references[reference.Local] = _references.TryGetValue(reference.Local, out var seen)
                        ? (seen.Count + 1, seen.First)
                        : (1, reference);
                }
            }

            public void ReportLocals(OperationBlockAnalysisContext context)
            {
                foreach (var candidate in _locals)
                {
                    if (!_references.TryGetValue(candidate.Local, out var seen) || seen.Count != 1)
                    {
                        continue;
                    }

                    var statement = Materialization.StatementRightAfter(candidate.Declaration, seen.First);
                    if (statement is null)
                    {
                        continue;
                    }

                    var consumer = SingleEnumeration.FindConsumer(seen.First, _types, allowListForEach: false, out var form);
                    if (consumer is null || !SingleEnumeration.RunsOnceWithin(consumer, statement))
                    {
                        continue;
                    }

                    var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources);
                    if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(statement, seen.First))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Create(candidate.Materialization, form, seen.First));
                }
            }

            private static Diagnostic Create(IOperation materialization, ConsumptionForm form, IOperation? localUse)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(SingleEnumeration.FormPropertyName, form.ToString());
                var additional = localUse is null ? null : new[] { localUse.Syntax.GetLocation() };
                return Diagnostic.Create(Rule, materialization.Syntax.GetLocation(), additional, properties, Materialization.Describe(materialization));
            }
        }
    }
}
