using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>How a whole file is loaded. Travels to the fixer in the diagnostic's properties.</summary>
    internal enum WholeFileForm
    {
        /// <summary><c>File.ReadAllLines(path)</c>: fixed to <c>File.ReadLines(path)</c>.</summary>
        ReadAllLines,

        /// <summary><c>await File.ReadAllLinesAsync(path)</c> in a <c>foreach</c>: fixed to <c>await foreach (... in File.ReadLinesAsync(path))</c> where that exists.</summary>
        ReadAllLinesAsync,

        /// <summary><c>File.ReadAllText(path).Split('\n')</c>: reported only, since the split keeps '\r' and a last empty line that ReadLines drops.</summary>
        SplitText,
    }

    /// <summary>
    /// MEM007: a whole file is read into memory (every line at once, or the whole text and then every line) although its
    /// lines are then enumerated once, where <c>File.ReadLines</c> would hold one line at a time.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WholeFileLoadedAnalyzer : DiagnosticAnalyzer
    {
        public const string KindPropertyName = "Kind";
        public const string StreamingAvailablePropertyName = "StreamingAvailable";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.WholeFileLoaded,
            title: "Whole file loaded where streaming fits",
            messageFormat: "'{0}' holds the whole file in memory although its lines are read only once; stream them with {1}",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "File.ReadAllLines allocates every line of the file, plus the array that holds them, before the first line is used; "
                + "File.ReadAllText(...).Split(...) holds the whole text and every line. When the lines are enumerated once, "
                + "File.ReadLines reads them one at a time through a small buffer, whatever the size of the file.");

        /// <summary>The message's second argument: what streams the lines in this form and on this framework.</summary>
        internal const string StreamWithReadLines = "File.ReadLines";
        internal const string StreamWithReadLinesAsync = "'await foreach' over File.ReadLinesAsync";
        internal const string StreamWithReader = "a StreamReader and ReadLineAsync";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = SequenceTypes.TryCreate(start.Compilation);
                var file = start.Compilation.FindType("System.IO.File");
                var environment = start.Compilation.FindType("System.Environment");
                if (types is null || file is null)
                {
                    return;
                }

                var streamingAsync = !file.GetMembers("ReadLinesAsync").IsEmpty;
                ConsumedOnceAnalysis.Register(
                    start,
                    types,
                    _ => CopyNecessity.DefaultEagerSources,
                    operation => Recognize((IInvocationOperation)operation, file, environment),
                    enumerated: null,
                    (value, form, localUse) => Create(value, form, localUse, streamingAsync),
                    ConsumedOnceForms.None,
                    OperationKind.Invocation);
            });
        }

        private static SequenceValue? Recognize(IInvocationOperation invocation, INamedTypeSymbol file, INamedTypeSymbol? environment)
        {
            var method = invocation.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, file))
            {
                if (method.Name == "ReadAllLines")
                {
                    return new SequenceValue(invocation, invocation, "File.ReadAllLines");
                }

                if (method.Name == "ReadAllLinesAsync" && SingleEnumeration.OutermostConversion(invocation).Parent is IAwaitOperation awaited)
                {
                    return new SequenceValue(awaited, invocation, "File.ReadAllLinesAsync");
                }

                return null;
            }

            if (method is { Name: "Split", IsStatic: false, ContainingType.SpecialType: SpecialType.System_String }
                && invocation.Instance?.WithoutImplicitConversions() is IInvocationOperation { TargetMethod: { Name: "ReadAllText" } read }
                && SymbolEqualityComparer.Default.Equals(read.ContainingType, file)
                && NewLineSplit.Matches(invocation, environment))
            {
                return new SequenceValue(invocation, invocation, "File.ReadAllText(...).Split");
            }

            return null;
        }

        private static Diagnostic? Create(SequenceValue value, ConsumptionForm form, IOperation? localUse, bool streamingAsync)
        {
            // The source is the File call that Recognize matched by symbol, or the string's Split over File.ReadAllText.
            var kind = ((IInvocationOperation)value.Source).TargetMethod.Name switch
            {
                "ReadAllLines" => WholeFileForm.ReadAllLines,
                "ReadAllLinesAsync" => WholeFileForm.ReadAllLinesAsync,
                _ => WholeFileForm.SplitText,
            };

            // Awaited lines can be streamed only by 'await foreach', so only a loop qualifies; List<T>.ForEach never applies to an array.
            if ((kind == WholeFileForm.ReadAllLinesAsync && form != ConsumptionForm.ForEach) || form == ConsumptionForm.ListForEach)
            {
                return null;
            }

            var properties = DiagnosticProperties.Empty
                .With(SingleEnumeration.FormPropertyName, form)
                .With(KindPropertyName, kind)
                .With(StreamingAvailablePropertyName, kind != WholeFileForm.ReadAllLinesAsync || streamingAsync);
            var additional = localUse is null ? null : new[] { localUse.Syntax.GetLocation() };
            var location = value.Value is IAwaitOperation awaited ? awaited.Operation.WithoutImplicitConversions().Syntax.GetLocation() : value.Value.Syntax.GetLocation();
            var streamWith = kind != WholeFileForm.ReadAllLinesAsync ? StreamWithReadLines
                : streamingAsync ? StreamWithReadLinesAsync
                : StreamWithReader;
            return properties.CreateDiagnostic(Rule, location, additional, value.Name, streamWith);
        }
    }
}
