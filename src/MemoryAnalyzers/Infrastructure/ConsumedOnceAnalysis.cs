using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>A value that holds a whole sequence (the copy, the file's lines) and the expression it was read from.</summary>
    internal readonly struct SequenceValue
    {
        public SequenceValue(IOperation value, IOperation source, string name)
        {
            Value = value;
            Source = source;
            Name = name;
        }

        /// <summary>The operation whose result holds every element: <c>seq.ToList()</c>, <c>await File.ReadAllLinesAsync(p)</c>.</summary>
        public IOperation Value { get; }

        /// <summary>What the value was computed from; its variables must not change while the consumer runs.</summary>
        public IOperation Source { get; }

        /// <summary>The name the message uses.</summary>
        public string Name { get; }
    }

    /// <summary>
    /// The rules that report a whole sequence held in memory only to be enumerated once (MEM006, MEM007, MEM009): a
    /// compilation-wide callback on the candidate operation kinds recognises the value by symbol; a value consumed directly
    /// is decided at once; a value stored in a local is decided from the references to that local, counted in one walk of
    /// the body the first time a candidate of that body needs them (<see cref="BodyCache{T}"/>). A body with no candidate
    /// costs nothing beyond the driver's own walk.
    /// </summary>
    internal sealed class ConsumedOnceAnalysis
    {
        private readonly SequenceTypes _types;
        private readonly Func<OperationAnalysisContext, ImmutableArray<string>> _eagerSources;
        private readonly Func<IOperation, SequenceValue?> _recognize;
        private readonly Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> _report;
        private readonly Func<IOperation, IOperation?>? _enumerated;
        private readonly BodyCache<Dictionary<ILocalSymbol, LocalReads>> _localReads = new BodyCache<Dictionary<ILocalSymbol, LocalReads>>(CountLocalReads);

        private ConsumedOnceAnalysis(
            SequenceTypes types,
            Func<OperationAnalysisContext, ImmutableArray<string>> eagerSources,
            Func<IOperation, SequenceValue?> recognize,
            Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> report,
            Func<IOperation, IOperation?>? enumerated)
        {
            _types = types;
            _eagerSources = eagerSources;
            _recognize = recognize;
            _report = report;
            _enumerated = enumerated;
        }

        /// <summary>How often a local is read in its body, and its first read.</summary>
        private sealed class LocalReads
        {
            public LocalReads(ILocalReferenceOperation first) => First = first;

            public int Count { get; set; } = 1;

            public ILocalReferenceOperation First { get; }
        }

        /// <summary>
        /// Registers the callback. <paramref name="report"/> gets the value, how it is consumed and, for a local, the one
        /// reference to it; it returns the diagnostic or null when this form is not reported. <paramref name="eagerSources"/>
        /// is asked only when a candidate is found (it may read options). <paramref name="enumerated"/>, when given, maps the
        /// value (or the one read of its local) to the expression that is enumerated (MEM009: <c>text</c> to
        /// <c>text.Split(',')</c>), the use itself when there is no step, or null when this use is not a candidate; it looks
        /// at the parents only.
        /// </summary>
        public static void Register(
            CompilationStartAnalysisContext start,
            SequenceTypes types,
            Func<OperationAnalysisContext, ImmutableArray<string>> eagerSources,
            Func<IOperation, SequenceValue?> recognize,
            Func<IOperation, IOperation?>? enumerated,
            Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> report,
            params OperationKind[] candidateKinds)
        {
            var analysis = new ConsumedOnceAnalysis(types, eagerSources, recognize, report, enumerated);
            start.RegisterOperationAction(analysis.AnalyzeCandidate, candidateKinds);
        }

        private void AnalyzeCandidate(OperationAnalysisContext context)
        {
            if (_recognize(context.Operation) is not { } candidate)
            {
                return;
            }

            var diagnostic = Materialization.LocalDeclaration(candidate.Value) is { } declarator
                ? AnalyzeLocal(context, candidate, declarator)
                : AnalyzeDirectUse(context, candidate);
            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private Diagnostic? AnalyzeDirectUse(OperationAnalysisContext context, SequenceValue candidate)
        {
            var enumerated = _enumerated is null ? candidate.Value : _enumerated(candidate.Value);
            var form = ConsumptionForm.ForEach;
            var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: true, out form);
            if (consumer is null)
            {
                return null;
            }

            var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources(context));
            if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(consumer, candidate.Value) || facts.AnyFunctionMayChangeSource(candidate.Value))
            {
                return null;
            }

            return _report(candidate, form, null);
        }

        private Diagnostic? AnalyzeLocal(OperationAnalysisContext context, SequenceValue candidate, IVariableDeclaratorOperation declarator)
        {
            if (!_localReads.For(candidate.Value).TryGetValue(declarator.Symbol, out var seen) || seen.Count != 1)
            {
                return null;
            }

            var statement = Materialization.StatementRightAfter(declarator, seen.First);
            if (statement is null)
            {
                return null;
            }

            var enumerated = _enumerated is null ? seen.First : _enumerated(seen.First);
            var form = ConsumptionForm.ForEach;
            var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: false, out form);
            if (consumer is null || !SingleEnumeration.RunsOnceWithin(consumer, statement))
            {
                return null;
            }

            var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources(context));
            if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(statement, seen.First) || facts.AnyFunctionMayChangeSource(candidate.Value))
            {
                return null;
            }

            return _report(candidate, form, seen.First);
        }

        /// <summary>Every local read in the body, with its count and first read: one walk, for a body that has a candidate local.</summary>
        private static Dictionary<ILocalSymbol, LocalReads> CountLocalReads(IOperation body)
        {
            var reads = new Dictionary<ILocalSymbol, LocalReads>(SymbolEqualityComparer.Default);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference)
                {
                    if (reads.TryGetValue(reference.Local, out var seen))
                    {
                        seen.Count++;
                    }
                    else
                    {
                        reads.Add(reference.Local, new LocalReads(reference));
                    }
                }
            }

            return reads;
        }
    }
}
