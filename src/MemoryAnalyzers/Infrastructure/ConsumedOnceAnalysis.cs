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

    /// <summary>Forms of consumption that only some of the rules sharing <see cref="ConsumedOnceAnalysis"/> report.</summary>
    [Flags]
    internal enum ConsumedOnceForms
    {
        None = 0,

        /// <summary>
        /// An array passed to a library method that has an overload taking the sequence the array was copied from
        /// (<see cref="SequenceOverload"/>). For copies (MEM006): the value must differ from its source.
        /// </summary>
        SequenceOverloads = 1,

        /// <summary>
        /// A local read a few statements after it is stored, not only in the next one, and a local stored by an assignment
        /// statement (<c>files = files.Where(...).ToArray();</c>, also in an <c>if</c>/<c>else</c> branch), with the
        /// statements in between checked like the consumer.
        /// </summary>
        LaterReads = 2,
    }

    /// <summary>
    /// The rules that report a whole sequence held in memory only to be enumerated once (MEM006, MEM007, MEM009): a
    /// compilation-wide callback on the candidate operation kinds recognises the value by symbol; a value consumed directly
    /// is decided at once; a value stored in a local is decided from the references to that local, found in one walk of
    /// the body the first time a candidate of that body needs them (<see cref="BodyCache{T}"/>), as are the changes the
    /// body's lambdas make. A body with no candidate costs nothing beyond the driver's own walk; one with thousands of
    /// copies is walked once, not once per copy.
    /// </summary>
    internal sealed class ConsumedOnceAnalysis
    {
        /// <summary>How many statements may lie between a stored value and its one read, with <see cref="ConsumedOnceForms.LaterReads"/>.</summary>
        public const int MaxStatementsBetween = 8;

        private readonly SequenceTypes _types;
        private readonly Func<OperationAnalysisContext, ImmutableArray<string>> _eagerSources;
        private readonly Func<IOperation, SequenceValue?> _recognize;
        private readonly Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> _report;
        private readonly Func<IOperation, IOperation?>? _enumerated;
        private readonly ConsumedOnceForms _forms;
        private readonly BodyCache<Dictionary<ILocalSymbol, LocalReferences>> _localReferences = new BodyCache<Dictionary<ILocalSymbol, LocalReferences>>(FindReferences);
        private readonly BodyCache<FunctionChanges> _functionChanges = new BodyCache<FunctionChanges>(FunctionChanges.Of);

        private ConsumedOnceAnalysis(
            SequenceTypes types,
            Func<OperationAnalysisContext, ImmutableArray<string>> eagerSources,
            Func<IOperation, SequenceValue?> recognize,
            Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> report,
            Func<IOperation, IOperation?>? enumerated,
            ConsumedOnceForms forms)
        {
            _types = types;
            _eagerSources = eagerSources;
            _recognize = recognize;
            _report = report;
            _enumerated = enumerated;
            _forms = forms;
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
            ConsumedOnceForms forms,
            params OperationKind[] candidateKinds)
        {
            var analysis = new ConsumedOnceAnalysis(types, eagerSources, recognize, report, enumerated, forms);
            start.RegisterOperationAction(analysis.AnalyzeCandidate, candidateKinds);
        }

        private void AnalyzeCandidate(OperationAnalysisContext context)
        {
            if (_recognize(context.Operation) is not { } candidate)
            {
                return;
            }

            var diagnostic = LocalStore.Of(candidate.Value, allowAssignment: (_forms & ConsumedOnceForms.LaterReads) != 0) is { } store
                ? AnalyzeLocal(context, candidate, store)
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
            var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: true, out form, CopiedFrom(candidate));
            if (consumer is null)
            {
                return null;
            }

            var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources(context));
            if (facts.HasDeferredSideEffects
                || facts.ConsumerMayChangeSource(consumer, candidate.Value)
                || facts.AnyFunctionMayChangeSource(candidate.Value, _functionChanges.For(candidate.Value)))
            {
                return null;
            }

            return _report(candidate, form, null);
        }

        private Diagnostic? AnalyzeLocal(OperationAnalysisContext context, SequenceValue candidate, LocalStore store)
        {
            var maxBetween = (_forms & ConsumedOnceForms.LaterReads) != 0 ? MaxStatementsBetween : 0;
            if (!_localReferences.For(candidate.Value).TryGetValue(store.Local, out var found)
                || store.SingleRead(found) is not { } read
                || store.StatementsUntil(read, maxBetween) is not { } statements)
            {
                return null;
            }

            var enumerated = _enumerated is null ? read : _enumerated(read);
            var form = ConsumptionForm.ForEach;
            var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: false, out form, CopiedFrom(candidate));
            if (consumer is null || !SingleEnumeration.RunsOnceWithin(consumer, statements[statements.Count - 1]))
            {
                return null;
            }

            var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources(context));
            if (facts.HasDeferredSideEffects
                || facts.ConsumerMayChangeSource(statements, read)
                || facts.AnyFunctionMayChangeSource(candidate.Value, _functionChanges.For(candidate.Value)))
            {
                return null;
            }

            return _report(candidate, form, read);
        }

        /// <summary>The source to bind a call again with in the place of the value (or of the read of its local), when this rule asks for it.</summary>
        private IOperation? CopiedFrom(SequenceValue candidate)
            => (_forms & ConsumedOnceForms.SequenceOverloads) != 0 && _enumerated is null && !ReferenceEquals(candidate.Source, candidate.Value)
                ? candidate.Source
                : null;

        /// <summary>Every reference to every local of the body, for a body that stores a candidate in a local.</summary>
        private static Dictionary<ILocalSymbol, LocalReferences> FindReferences(IOperation body) => LocalReferences.AllIn(body);
    }
}
