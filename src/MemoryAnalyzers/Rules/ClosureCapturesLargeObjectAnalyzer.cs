using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM002: a delegate that outlives its method captures a large variable (array, string, collection, stream) but
    /// reads only a small part of it (an element at a fixed index, its length or count, a property chain ending in a
    /// value). A captured variable lives as long as the delegate, so the whole object stays reachable for that part.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ClosureCapturesLargeObjectAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ClosureCapturesLargeObject,
            title: "Long-lived closure captures a large object to use a small part of it",
            messageFormat: "This delegate outlives the method and keeps the whole {2} '{0}' alive only to read '{1}'; capture just that value",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "A variable captured by a lambda or local function lives as long as the delegate made from it. When the delegate is "
                + "returned, stored in a field, subscribed to an event or handed to Task.Run, a timer or a thread, a captured array, string, "
                + "collection or stream stays reachable for as long, even if the delegate only reads its first element or its length.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var compilationContext = new CompilationContext(start.Compilation, start.Options);
                FunctionsInBlock.Register(start, compilationContext.Analyze);
            });
        }

        private sealed class CompilationContext
        {
            private readonly LargeTypes _largeTypes;
            private readonly DelegateEscape _escape;
            private readonly ClosureRuleSettings _settings;
            private readonly INamedTypeSymbol? _enumerable;

            public CompilationContext(Compilation compilation, AnalyzerOptions options)
            {
                _largeTypes = new LargeTypes(compilation);
                _escape = new DelegateEscape(compilation);
                _settings = new ClosureRuleSettings(compilation, options, RuleIds.ClosureCapturesLargeObject);
                _enumerable = compilation.FindType("System.Linq.Enumerable");
            }

            public void Analyze(FunctionsInBlock block, Action<IDelegateCreationOperation, Diagnostic> report)
            {
                // A nested delegate and the one around it can both escape with the same use: report it once.
                var reported = new HashSet<Microsoft.CodeAnalysis.Text.TextSpan>();
                foreach (var creation in block.Creations)
                {
                    var settings = _settings.For(creation.Syntax.SyntaxTree);
                    if (block.FunctionOf(creation) is { } function && _escape.Escapes(creation, settings.KeepingMembers))
                    {
                        AnalyzeFunction(function, settings, reported, diagnostic => report(creation, diagnostic));
                    }
                }
            }

            private void AnalyzeFunction(IOperation function, ClosureRuleSettings.Values settings, HashSet<Microsoft.CodeAnalysis.Text.TextSpan> reported, Action<Diagnostic> report)
            {
                var captures = ClosureCaptures.Collect(function);
                var referencesByVariable = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
                foreach (var reference in captures.References)
                {
                    var variable = Variable(reference);
                    if (!referencesByVariable.TryGetValue(variable, out var references))
                    {
                        references = new List<IOperation>();
                        referencesByVariable.Add(variable, references);
                    }

                    references.Add(reference);
                }

                foreach (var pair in referencesByVariable)
                {
                    if (pair.Key.TypeOfLocalOrParameter() is not { } type
                        || !_largeTypes.IsLarge(type, settings.LargeTypes) || ClosureCaptures.ScopeOf(pair.Key, function) is null)
                    {
                        continue;
                    }

                    var projections = new List<IOperation>(pair.Value.Count);
                    foreach (var reference in pair.Value)
                    {
                        var projection = SmallProjections.Of(reference, function, _enumerable);
                        if (projection is null)
                        {
                            projections.Clear();
                            break;
                        }

                        projections.Add(projection);
                    }

                    if (projections.Count == 0 || !reported.Add(projections[0].Syntax.Span))
                    {
                        continue;
                    }

                    var additionalLocations = new List<Location>(projections.Count + 1) { function.Syntax.GetLocation() };
                    foreach (var projection in projections)
                    {
                        additionalLocations.Add(projection.Syntax.GetLocation());
                    }

                    report(Diagnostic.Create(
                        Rule,
                        projections[0].Syntax.GetLocation(),
                        additionalLocations,
                        properties: null,
                        pair.Key.Name,
                        projections[0].Syntax.ToString(),
                        _largeTypes.Describe(type)));
                }
            }

            private static ISymbol Variable(IOperation reference) => reference.LocalOrParameter()!;
        }
    }
}
