using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM009: the whole content of a file (<c>File.ReadAllText</c>, <c>File.ReadAllBytes</c> and their async forms) is read
    /// into memory although it is then scanned once, element by element, from start to end: a <c>foreach</c> over the
    /// characters or bytes, one LINQ aggregate or search over them, or the parts of one <c>Split</c> enumerated once.
    /// A <c>StreamReader</c> or <c>FileStream</c> would hold one buffer instead. Reported only: how to stream depends on
    /// what the scan does, so there is no code fix.
    /// </summary>
    /// <remarks>
    /// Shares MEM007's single-enumeration machinery (<see cref="ConsumedOnceAnalysis"/>): the same consumers, the same
    /// "local read once in the next statement" form and the same <see cref="CopyNecessity"/> checks that the scan does not
    /// write to the file system or call into the project. Splits on new lines only are MEM007's and never reported here.
    /// The string's own searches (<c>Contains</c>, <c>IndexOf</c>, <c>StartsWith</c>...) are left alone on purpose: a
    /// one-shot search of a file is common and legitimate, a match can straddle two buffers of a stream, and nothing
    /// tells the analyzer that the file is large.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WholeFileScannedOnceAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.WholeFileScannedOnce,
            title: "Whole file read for a single sequential scan",
            messageFormat: "'{0}' holds the whole file in memory to scan it once from start to end; read it through a stream instead",
            RuleTags.Performance,
            DiagnosticSeverity.Info,
            description: "File.ReadAllText and File.ReadAllBytes allocate the whole content of the file (two bytes per character for text, "
                + "on the large-object heap past 85 KB) before the first element is looked at. When the content is only scanned once, "
                + "from start to end, a StreamReader or FileStream reads it through a small buffer whatever the size of the file. "
                + "There is no code fix: the streaming loop depends on what the scan does.");

        /// <summary>LINQ operators that scan their source once, from the start, keeping O(1) of it.</summary>
        private static readonly ImmutableHashSet<string> s_scanOperators = ImmutableHashSet.Create(
            "Count", "LongCount", "Any", "All", "Sum", "Min", "Max", "MinBy", "MaxBy", "Average", "Aggregate", "Contains",
            "First", "FirstOrDefault", "Single", "SingleOrDefault");

        /// <summary>Scan operators that, without a predicate and right on the content, only read its length or its first element.</summary>
        private static readonly ImmutableHashSet<string> s_needPredicate = ImmutableHashSet.Create(
            "Count", "LongCount", "Any", "First", "FirstOrDefault", "Single", "SingleOrDefault");

        /// <summary>Deferred operators that buffer their whole source before yielding: the scan would hold it all anyway.</summary>
        private static readonly ImmutableHashSet<string> s_bufferingOperators = ImmutableHashSet.Create(
            "OrderBy", "OrderByDescending", "GroupBy", "Reverse", "Distinct", "DistinctBy", "Union", "Except", "Intersect");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = SequenceTypes.TryCreate(start.Compilation);
                var file = start.Compilation.FindType("System.IO.File");
                if (types is null || file is null)
                {
                    return;
                }

                var environment = start.Compilation.FindType("System.Environment");
                ConsumedOnceAnalysis.Register(
                    start,
                    types,
                    _ => CopyNecessity.DefaultEagerSources,
                    operation => Recognize((IInvocationOperation)operation, file),
                    use => Enumerated(use, environment),
                    (value, form, localUse) => Create(value, form, localUse, types, environment),
                    ConsumedOnceForms.None,
                    OperationKind.Invocation);
            });
        }

        /// <summary><c>File.ReadAllText/ReadAllBytes(...)</c>, or the <c>await</c> of their async forms (with or without <c>ConfigureAwait</c>).</summary>
        private static SequenceValue? Recognize(IInvocationOperation invocation, INamedTypeSymbol file)
        {
            var method = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, file))
            {
                return null;
            }

            switch (method.Name)
            {
                case "ReadAllText":
                case "ReadAllBytes":
                    return new SequenceValue(invocation, invocation, "File." + method.Name);
                case "ReadAllTextAsync":
                case "ReadAllBytesAsync":
                    return Awaited(invocation) is { } awaited ? new SequenceValue(awaited, invocation, "File." + method.Name) : null;
                default:
                    return null;
            }
        }

        private static IAwaitOperation? Awaited(IInvocationOperation read)
        {
            var current = SingleEnumeration.OutermostConversion(read);
            if (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && ReferenceEquals(configure.Instance, current))
            {
                current = SingleEnumeration.OutermostConversion(configure);
            }

            return current.Parent as IAwaitOperation;
        }

        /// <summary>
        /// The expression that is enumerated: the content itself, or <c>content.Split(...)</c> when the content is the
        /// receiver of a split; null for a split on new lines only, which is MEM007's.
        /// </summary>
        private static IOperation? Enumerated(IOperation use, INamedTypeSymbol? environment)
        {
            var current = SingleEnumeration.OutermostConversion(use);
            if (current.Parent is IInvocationOperation { TargetMethod: { Name: "Split", IsStatic: false, ContainingType.SpecialType: SpecialType.System_String } } split
                && ReferenceEquals(split.Instance, current))
            {
                return NewLineSplit.Matches(split, environment) ? null : split;
            }

            return use;
        }

        private static Diagnostic? Create(SequenceValue value, ConsumptionForm form, IOperation? localUse, SequenceTypes types, INamedTypeSymbol? environment)
        {
            var content = value.Value.Type;
            if (content is null || content.TypeKind == TypeKind.Error
                || !(content.SpecialType == SpecialType.System_String || content is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }))
            {
                return null;
            }

            if (Enumerated(localUse ?? value.Value, environment) is not { } enumerated)
            {
                return null;
            }

            // A callee that takes the sequence (string.Join, AddRange, new HashSet<T>) builds something as large as the content.
            if (form is not (ConsumptionForm.ForEach or ConsumptionForm.LinqOperator) || !IsForwardScan(enumerated, types))
            {
                return null;
            }

            return Diagnostic.Create(Rule, value.Source.Syntax.GetLocation(), value.Name);
        }

        /// <summary>
        /// The enumerated expression reaches a <c>foreach</c> or a scanning LINQ operator through streaming operators only.
        /// Walks up the parent chain.
        /// </summary>
        private static bool IsForwardScan(IOperation enumerated, SequenceTypes types)
        {
            var current = SingleEnumeration.OutermostConversion(enumerated);
            var direct = true;
            while (current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation, Parameter.Ordinal: 0 }
                && invocation.TargetMethod.IsExtensionMethod
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Enumerable))
            {
                var name = invocation.TargetMethod.Name;
                if (SequenceTypes.DeferredOperators.Contains(name))
                {
                    if (s_bufferingOperators.Contains(name))
                    {
                        return false;
                    }

                    current = SingleEnumeration.OutermostConversion(invocation);
                    direct = false;
                    continue;
                }

                // bytes.Count() is bytes.Length; text.First() reads one character.
                return s_scanOperators.Contains(name) && (!direct || !s_needPredicate.Contains(name) || HasDelegateArgument(invocation));
            }

            return current.Parent is IForEachLoopOperation loop && ReferenceEquals(loop.Collection, current);
        }

        private static bool HasDelegateArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
