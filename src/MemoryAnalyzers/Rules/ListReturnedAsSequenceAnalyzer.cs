using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM008: a method, local function or property getter declared to return <c>IEnumerable&lt;T&gt;</c> builds a
    /// whole <c>List&lt;T&gt;</c> (only <c>Add</c>/<c>AddRange</c>, then <c>return list;</c> or
    /// <c>return list.Where(...);</c>), or returns <c>seq.ToList()</c>: the caller gets a sequence but pays for every
    /// element at once.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ListReturnedAsSequenceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property for the fixer: "true" when the list is returned through streaming LINQ operators (<c>return list.Distinct();</c>).</summary>
        public const string QueriedPropertyName = "Queried";

        /// <summary>Property for the fixer: "true" when the rewrite to an iterator keeps behaviour; a returned copy never has it.</summary>
        public const string FixablePropertyName = "Fixable";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ListReturnedAsSequence,
            title: "List built only to be returned as a sequence",
            messageFormat: "'{0}' {1} only to return it as a sequence, holding every element at once; {2}",
            RuleTags.Performance,
            DiagnosticSeverity.Info,
            description: "A member declared to return IEnumerable<T> promises only a sequence. Building a List<T> first allocates the whole "
                + "sequence (and the list's growing arrays) before the caller reads the first element, even if the caller stops early. "
                + "An iterator produces the elements on demand. The change is visible: the body, its side effects and its argument checks "
                + "run when the caller enumerates, and again on every enumeration; the code fix keeps argument checks eager.");

        // The message's arguments: what the member builds, and what to do instead, for a built list and for a returned copy.
        internal const string BuildsList = "builds a whole list";
        internal const string YieldInstead = "yield the elements one at a time instead";
        internal const string CopiesToArray = "copies its query into an array";
        internal const string CopiesToList = "copies its query into a list";
        internal const string ReturnQueryInstead = "return the query itself";

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

                // Reported at the end of the member's operation block: the diagnostic sits on the member's name, outside
                // the 'return' that found it, and must still count as local to the member for the code fix.
                start.RegisterOperationBlockStartAction(block =>
                {
                    var found = new FoundDiagnostics();
                    block.RegisterOperationAction(operationContext => AnalyzeReturn(operationContext, types, found), OperationKind.Return);
                    block.RegisterOperationBlockEndAction(end =>
                    {
                        while (found.Queue is { } queue && queue.TryDequeue(out var diagnostic))
                        {
                            end.ReportDiagnostic(diagnostic);
                        }
                    });
                });
            });
        }

        /// <summary>The diagnostics of one body, held until its end; the queue exists only once one is found (most bodies have none).</summary>
        private sealed class FoundDiagnostics
        {
            private System.Collections.Concurrent.ConcurrentQueue<Diagnostic>? _queue;

            public System.Collections.Concurrent.ConcurrentQueue<Diagnostic>? Queue => _queue;

            public void Enqueue(Diagnostic diagnostic)
            {
                if (_queue is null)
                {
                    System.Threading.Interlocked.CompareExchange(ref _queue, new System.Collections.Concurrent.ConcurrentQueue<Diagnostic>(), null);
                }

                _queue!.Enqueue(diagnostic);
            }
        }

        private static void AnalyzeReturn(OperationAnalysisContext context, SequenceTypes types, FoundDiagnostics found)
        {
            var returned = (IReturnOperation)context.Operation;
            if (returned.ReturnedValue is null || returned.Kind != OperationKind.Return)
            {
                return;
            }

            var function = IteratorCandidate.EnclosingFunction(returned, context.ContainingSymbol, out var body);
            if (function is null || body is null || !IteratorCandidate.ReturnsSequence(function, types))
            {
                return;
            }

            var value = returned.ReturnedValue.WithoutImplicitConversions();
            var listRead = value as ILocalReferenceOperation ?? StreamingOperators.ListUnder(value, types);
            if (listRead is { Local: var local } && SingleEnumeration.IsConstructedFrom(local.Type as INamedTypeSymbol, types.List))
            {
                // Decided once per function, at its final 'return list;' (or 'return list.Where(...);').
                var queried = !ReferenceEquals(listRead, value);
                if (body is IBlockOperation block && !block.Operations.IsEmpty && ReferenceEquals(block.Operations[block.Operations.Length - 1], returned)
                    && IteratorCandidate.TryMatch(block, local, returned, listRead, types, out var declaration, out var fixable))
                {
                    fixable &= IteratorCandidate.CanBeIterator(function) && (!queried || StreamingOperators.CanMoveUp(value, block));
                    var properties = DiagnosticProperties.Empty
                        .With(QueriedPropertyName, queried)
                        .With(FixablePropertyName, fixable);
                    found.Enqueue(properties.CreateDiagnostic(
                        Rule,
                        NameLocation(function, returned),
                        new[] { declaration.Syntax.GetLocation(), returned.Syntax.GetLocation() },
                        function.Name,
                        BuildsList,
                        YieldInstead));
                }

                return;
            }

            if (value is IInvocationOperation { TargetMethod: { Name: "ToList" or "ToArray", IsExtensionMethod: true } method } copy
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable)
                && copy.Arguments.Length == 1
                && copy.Arguments[0].Value.WithoutImplicitConversions().Type is { TypeKind: not TypeKind.Error } sourceType
                && !types.IsQueryable(sourceType))
            {
                found.Enqueue(Diagnostic.Create(Rule, copy.Syntax.GetLocation(), function.Name, method.Name == "ToArray" ? CopiesToArray : CopiesToList, ReturnQueryInstead));
            }
        }

        /// <summary>The function's name token: the method or local function identifier, or the <c>get</c> keyword.</summary>
        private static Location NameLocation(IMethodSymbol function, IOperation inside)
        {
            foreach (var ancestor in inside.Syntax.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case LocalFunctionStatementSyntax localFunction when function.MethodKind == MethodKind.LocalFunction:
                        return localFunction.Identifier.GetLocation();
                    case MethodDeclarationSyntax method:
                        return method.Identifier.GetLocation();
                    case AccessorDeclarationSyntax accessor:
                        return accessor.Keyword.GetLocation();
                    case PropertyDeclarationSyntax property:
                        return property.Identifier.GetLocation();
                }
            }

            return inside.Syntax.GetLocation();
        }
    }
}
