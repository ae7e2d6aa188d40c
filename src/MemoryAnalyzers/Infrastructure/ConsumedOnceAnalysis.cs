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
    /// One method body for the rules that report a whole sequence held in memory only to be enumerated once (MEM006, MEM007, MEM009):
    /// a value consumed directly is decided at once; a value stored in a local is decided at the end of the body, once
    /// every reference to the local has been counted. Only a body that stores such a value in a local is walked (once) to
    /// count references: counting every local reference of every body, as a LocalReference callback would, cost more
    /// than all the rest of these rules on ordinary code.
    /// </summary>
    internal sealed class ConsumedOnceAnalysis
    {
        /// <summary>How many statements may lie between a stored value and its one read, with <see cref="ConsumedOnceForms.LaterReads"/>.</summary>
        public const int MaxStatementsBetween = 8;

        private readonly SequenceTypes _types;
        private readonly ImmutableArray<string> _eagerSources;
        private readonly Func<IOperation, SequenceValue?> _recognize;
        private readonly Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> _report;
        private readonly Func<IOperation, IOperation?>? _enumerated;
        private readonly ConsumedOnceForms _forms;
        private readonly object _gate = new object();
        private readonly List<(SequenceValue Value, LocalStore Store)> _locals = new();

        // What the lambdas and local functions of each operation block change, found on the first candidate that needs
        // it: a body without candidates pays nothing, and one with thousands of copies is walked once, not once per copy.
        private Dictionary<IOperation, FunctionChanges>? _functionChanges;

        private ConsumedOnceAnalysis(
            SequenceTypes types,
            ImmutableArray<string> eagerSources,
            Func<IOperation, SequenceValue?> recognize,
            Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> report,
            Func<IOperation, IOperation?>? enumerated,
            ConsumedOnceForms forms)
        {
            _forms = forms;
            _types = types;
            _eagerSources = eagerSources;
            _recognize = recognize;
            _report = report;
            _enumerated = enumerated;
        }

        /// <summary>
        /// Registers the per-body callbacks. <paramref name="report"/> gets the value, how it is consumed and, for a local,
        /// the one reference to it; it returns the diagnostic or null when this form is not reported.
        /// </summary>
        public static void Register(
            OperationBlockStartAnalysisContext block,
            SequenceTypes types,
            ImmutableArray<string> eagerSources,
            Func<IOperation, SequenceValue?> recognize,
            Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> report,
            ConsumedOnceForms forms,
            params OperationKind[] candidateKinds)
            => Register(block, types, eagerSources, recognize, enumerated: null, report, forms, candidateKinds);

        /// <summary>
        /// As above, with a step between the use of the value and its enumeration: <paramref name="enumerated"/> maps the value
        /// (or the one read of its local) to the expression that is enumerated (MEM009: <c>text</c> to <c>text.Split(',')</c>),
        /// the use itself when there is no step, or null when this use is not a candidate. It looks at the parents only.
        /// </summary>
        public static void Register(
            OperationBlockStartAnalysisContext block,
            SequenceTypes types,
            ImmutableArray<string> eagerSources,
            Func<IOperation, SequenceValue?> recognize,
            Func<IOperation, IOperation?>? enumerated,
            Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> report,
            ConsumedOnceForms forms,
            params OperationKind[] candidateKinds)
        {
            var analysis = new ConsumedOnceAnalysis(types, eagerSources, recognize, report, enumerated, forms);
            block.RegisterOperationAction(analysis.AnalyzeCandidate, candidateKinds);
            block.RegisterOperationBlockEndAction(analysis.ReportLocals);
        }

        private void AnalyzeCandidate(OperationAnalysisContext context)
        {
            if (_recognize(context.Operation) is not { } candidate)
            {
                return;
            }

            if (LocalStore.Of(candidate.Value, allowAssignment: (_forms & ConsumedOnceForms.LaterReads) != 0) is { } store)
            {
                lock (_gate)
                {
                    _locals.Add((candidate, store));
                }

                return;
            }

            var enumerated = _enumerated is null ? candidate.Value : _enumerated(candidate.Value);
            var form = ConsumptionForm.ForEach;
            var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: true, out form, CopiedFrom(candidate));
            if (consumer is null)
            {
                return;
            }

            var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources);
            if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(consumer, candidate.Value) || facts.AnyFunctionMayChangeSource(candidate.Value, ChangesAround(candidate.Value)))
            {
                return;
            }

            if (_report(candidate, form, null) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>The source to bind a call again with in the place of the value (or of the read of its local), when this rule asks for it.</summary>
        private IOperation? CopiedFrom(SequenceValue candidate)
            => (_forms & ConsumedOnceForms.SequenceOverloads) != 0 && _enumerated is null && !ReferenceEquals(candidate.Source, candidate.Value)
                ? candidate.Source
                : null;

        /// <summary>What the lambdas and local functions of the operation block that holds <paramref name="value"/> change.</summary>
        private FunctionChanges ChangesAround(IOperation value)
        {
            var root = value;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            lock (_gate)
            {
                if (_functionChanges is not null && _functionChanges.TryGetValue(root, out var known))
                {
                    return known;
                }
            }

            var changes = FunctionChanges.Of(root);
            lock (_gate)
            {
                (_functionChanges ??= new Dictionary<IOperation, FunctionChanges>())[root] = changes;
            }

            return changes;
        }

        /// <summary>Every reference to each of the candidates' locals in the body, in one walk.</summary>
        private Dictionary<ILocalSymbol, LocalReferences> FindReferences(ImmutableArray<IOperation> blocks)
        {
            var references = new Dictionary<ILocalSymbol, LocalReferences>(SymbolEqualityComparer.Default);
            foreach (var (_, store) in _locals)
            {
                references[store.Local] = new LocalReferences();
            }

            foreach (var block in blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is ILocalReferenceOperation reference && references.TryGetValue(reference.Local, out var found))
                    {
                        found.Add(reference);
                    }
                }
            }

            return references;
        }

        private void ReportLocals(OperationBlockAnalysisContext context)
        {
            if (_locals.Count == 0)
            {
                return;
            }

            var references = FindReferences(context.OperationBlocks);
            var maxBetween = (_forms & ConsumedOnceForms.LaterReads) != 0 ? MaxStatementsBetween : 0;
            foreach (var (candidate, store) in _locals)
            {
                if (!references.TryGetValue(store.Local, out var found)
                    || store.SingleRead(found) is not { } read
                    || store.StatementsUntil(read, maxBetween) is not { } statements)
                {
                    continue;
                }

                var enumerated = _enumerated is null ? read : _enumerated(read);
                var form = ConsumptionForm.ForEach;
                var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: false, out form, CopiedFrom(candidate));
                if (consumer is null || !SingleEnumeration.RunsOnceWithin(consumer, statements[statements.Count - 1]))
                {
                    continue;
                }

                var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources);
                if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(statements, read) || facts.AnyFunctionMayChangeSource(candidate.Value, ChangesAround(candidate.Value)))
                {
                    continue;
                }

                if (_report(candidate, form, read) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }
}
