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
        private readonly SequenceTypes _types;
        private readonly ImmutableArray<string> _eagerSources;
        private readonly Func<IOperation, SequenceValue?> _recognize;
        private readonly Func<SequenceValue, ConsumptionForm, IOperation?, Diagnostic?> _report;
        private readonly Func<IOperation, IOperation?>? _enumerated;
        private readonly ConsumedOnceForms _forms;
        private readonly object _gate = new object();
        private readonly List<(SequenceValue Value, IVariableDeclaratorOperation Declarator)> _locals = new();

        // The lambdas and local functions of each operation block, found on the first candidate that needs them: a body
        // without candidates pays nothing, and one with thousands of copies is walked once, not once per copy.
        private Dictionary<IOperation, ImmutableArray<IOperation>>? _functions;

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

            if (Materialization.LocalDeclaration(candidate.Value) is { } declarator)
            {
                lock (_gate)
                {
                    _locals.Add((candidate, declarator));
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
            if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(consumer, candidate.Value) || facts.AnyFunctionMayChangeSource(candidate.Value, FunctionsAround(candidate.Value)))
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

        /// <summary>The lambdas and local functions of the operation block that holds <paramref name="value"/>.</summary>
        private ImmutableArray<IOperation> FunctionsAround(IOperation value)
        {
            var root = value;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            lock (_gate)
            {
                if (_functions is not null && _functions.TryGetValue(root, out var known))
                {
                    return known;
                }
            }

            var functions = CopyNecessity.FunctionsOf(root);
            lock (_gate)
            {
                (_functions ??= new Dictionary<IOperation, ImmutableArray<IOperation>>())[root] = functions;
            }

            return functions;
        }

        /// <summary>How often each of the candidates' locals is read in the body, and its first read.</summary>
        private Dictionary<ILocalSymbol, (int Count, ILocalReferenceOperation First)> CountReferences(ImmutableArray<IOperation> blocks)
        {
            var references = new Dictionary<ILocalSymbol, (int Count, ILocalReferenceOperation First)>(SymbolEqualityComparer.Default);
            foreach (var (_, declarator) in _locals)
            {
                references[declarator.Symbol] = (0, null!);
            }

            foreach (var block in blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is ILocalReferenceOperation reference && references.TryGetValue(reference.Local, out var seen))
                    {
                        references[reference.Local] = seen.Count == 0 ? (1, reference) : (seen.Count + 1, seen.First);
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

            var references = CountReferences(context.OperationBlocks);
            foreach (var (candidate, declarator) in _locals)
            {
                if (!references.TryGetValue(declarator.Symbol, out var seen) || seen.Count != 1)
                {
                    continue;
                }

                var statement = Materialization.StatementRightAfter(declarator, seen.First);
                if (statement is null)
                {
                    continue;
                }

                var enumerated = _enumerated is null ? seen.First : _enumerated(seen.First);
                var form = ConsumptionForm.ForEach;
                var consumer = enumerated is null ? null : SingleEnumeration.FindConsumer(enumerated, _types, allowListForEach: false, out form, CopiedFrom(candidate));
                if (consumer is null || !SingleEnumeration.RunsOnceWithin(consumer, statement))
                {
                    continue;
                }

                var facts = CopyNecessity.ForSource(candidate.Source, _eagerSources);
                if (facts.HasDeferredSideEffects || facts.ConsumerMayChangeSource(statement, seen.First) || facts.AnyFunctionMayChangeSource(candidate.Value, FunctionsAround(candidate.Value)))
                {
                    continue;
                }

                if (_report(candidate, form, seen.First) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }
}
