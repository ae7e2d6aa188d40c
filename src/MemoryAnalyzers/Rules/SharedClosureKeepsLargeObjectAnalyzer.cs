using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM003: the compiler puts every variable that closures capture from one scope into one closure object, shared by
    /// every lambda and local function of that scope. A delegate that outlives the method keeps the whole object alive,
    /// including a large variable that only another, often short-lived, lambda uses.
    /// </summary>
    /// <remarks>
    /// The scoping model (checked on the runtime by the WeakReference tests): one closure per block, loop body
    /// (per iteration), <c>for</c>, <c>foreach</c> variable, <c>using</c>, switch and catch that declares captured
    /// variables; parameters share the closure of their function's body block; a lambda that captures nothing or is
    /// <c>static</c> shares nothing; a lambda that uses only <c>this</c> is placed in the member body's closure when that
    /// closure exists. Only the direct case is reported: a closure that reaches the large variable through the chain of
    /// an inner scope's closure to an outer one is not.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SharedClosureKeepsLargeObjectAnalyzer : DiagnosticAnalyzer
    {
        public const string VariablePropertyName = "Variable";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.SharedClosureKeepsLargeObject,
            title: "Long-lived closure shares its closure object with a large captured variable",
            messageFormat: "This delegate outlives the method and shares its closure with a lambda capturing '{0}', keeping it alive; split their scopes",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "The C# compiler stores the variables that lambdas capture from one scope in one object shared by all lambdas of that scope. "
                + "A delegate that is stored, returned or handed to Task.Run keeps that object alive, and with it a large array, string, collection "
                + "or stream that only a different lambda of the same scope uses.");

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

        /// <summary>A large variable captured from a scope, and up to two closures that capture it.</summary>
        private sealed class LargeCapture
        {
            public LargeCapture(ISymbol variable, ClosureCaptures first)
            {
                Variable = variable;
                First = first;
            }

            public ISymbol Variable { get; }

            public ClosureCaptures First { get; }

            public ClosureCaptures? Second { get; set; }

            public ClosureCaptures? Other(ClosureCaptures escaping)
                => !ReferenceEquals(First, escaping) ? First : Second;
        }

        /// <summary>The large variables captured from one scope, each once, in the order first seen.</summary>
        private sealed class ScopeCaptures
        {
            public Dictionary<ISymbol, LargeCapture> ByVariable { get; } = new Dictionary<ISymbol, LargeCapture>(SymbolEqualityComparer.Default);

            public List<LargeCapture> InOrder { get; } = new List<LargeCapture>();
        }

        private sealed class CompilationContext
        {
            private readonly LargeTypes _largeTypes;
            private readonly DelegateEscape _escape;
            private readonly ClosureRuleSettings _settings;

            public CompilationContext(Compilation compilation, AnalyzerOptions options)
            {
                _largeTypes = new LargeTypes(compilation);
                _escape = new DelegateEscape(compilation);
                _settings = new ClosureRuleSettings(compilation, options, RuleIds.SharedClosureKeepsLargeObject);
            }

            public void Analyze(FunctionsInBlock block, Action<IDelegateCreationOperation, Diagnostic> report)
            {
                if (block.Functions.Count < 2)
                {
                    return;
                }

                var settings = _settings.For(block.Functions[0].Syntax.SyntaxTree);
                var capturesByFunction = new Dictionary<IOperation, ClosureCaptures>(block.Functions.Count);
                var largeByScope = new Dictionary<IOperation, ScopeCaptures>();
                foreach (var function in block.Functions)
                {
                    var captures = ClosureCaptures.Collect(function);
                    capturesByFunction.Add(function, captures);
                    foreach (var variable in captures.Variables)
                    {
                        var type = variable.TypeOfLocalOrParameter();
                        if (_largeTypes.IsLarge(type, settings.LargeTypes) && ClosureCaptures.ScopeOf(variable, function) is { } scope)
                        {
                            AddLargeCapture(largeByScope, scope, variable, captures);
                        }
                    }
                }

                if (largeByScope.Count == 0)
                {
                    return;
                }

                var escapingCreations = new List<(IDelegateCreationOperation Creation, ClosureCaptures Captures)>();
                var storedFunctions = new HashSet<IOperation>();
                foreach (var creation in block.Creations)
                {
                    if (block.FunctionOf(creation) is { } function
                        && capturesByFunction.TryGetValue(function, out var escaping)
                        && _escape.Escapes(creation, settings.KeepingMembers))
                    {
                        escapingCreations.Add((creation, escaping));
                        if (DelegateEscape.IsStored(creation))
                        {
                            storedFunctions.Add(function);
                        }
                    }
                }

                foreach (var (creation, escaping) in escapingCreations)
                {
                    AnalyzeEscaping(creation, escaping, largeByScope, storedFunctions, report);
                }
            }

            private static void AddLargeCapture(Dictionary<IOperation, ScopeCaptures> largeByScope, IOperation scope, ISymbol variable, ClosureCaptures captures)
            {
                if (!largeByScope.TryGetValue(scope, out var scopeCaptures))
                {
                    scopeCaptures = new ScopeCaptures();
                    largeByScope.Add(scope, scopeCaptures);
                }

                if (scopeCaptures.ByVariable.TryGetValue(variable, out var existing))
                {
                    existing.Second ??= captures;
                    return;
                }

                var large = new LargeCapture(variable, captures);
                scopeCaptures.ByVariable.Add(variable, large);
                scopeCaptures.InOrder.Add(large);
            }

            private static void AnalyzeEscaping(
                IDelegateCreationOperation creation,
                ClosureCaptures escaping,
                Dictionary<IOperation, ScopeCaptures> largeByScope,
                HashSet<IOperation> storedFunctions,
                Action<IDelegateCreationOperation, Diagnostic> report)
            {
                foreach (var scope in ScopesHeldBy(escaping))
                {
                    if (!largeByScope.TryGetValue(scope, out var scopeCaptures))
                    {
                        continue;
                    }

                    // Linear overall: every candidate skipped is a variable the escaping delegate captures itself.
                    foreach (var large in scopeCaptures.InOrder)
                    {
                        // When the closure that uses the variable is stored as well (a field, an event), it keeps the
                        // variable alive by itself: sharing its closure object costs nothing more. One handed to
                        // Task.Run is dropped when it has run, so sharing still matters there.
                        if (escaping.Variables.Contains(large.Variable)
                            || large.Other(escaping) is not { } other
                            || storedFunctions.Contains(other.Function))
                        {
                            continue;
                        }

                        // The other lambda is pointed at by an additional location, not named by a line number that goes stale.
                        report(creation, DiagnosticProperties.Empty.With(VariablePropertyName, large.Variable.Name).CreateDiagnostic(
                            Rule,
                            ReportedLocation(creation, escaping.Function),
                            new[] { other.Function.Syntax.GetLocation() },
                            large.Variable.Name));
                        return;
                    }
                }
            }

            /// <summary>The scopes whose closure objects the delegate holds directly.</summary>
            private static IEnumerable<IOperation> ScopesHeldBy(ClosureCaptures escaping)
            {
                if (escaping.Variables.Count == 0)
                {
                    if (escaping.CapturesThis && !escaping.CapturesUnknown && ClosureCaptures.MemberBodyAbove(escaping.Function) is { } memberBody)
                    {
                        yield return memberBody;
                    }

                    yield break;
                }

                var seen = new HashSet<IOperation>();
                foreach (var variable in escaping.Variables)
                {
                    if (ClosureCaptures.ScopeOf(variable, escaping.Function) is { } scope && seen.Add(scope))
                    {
                        yield return scope;
                    }
                }
            }

            /// <summary>The lambda's head (<c>x =&gt;</c>, <c>delegate (...)</c>) or the local function's name where it becomes a delegate.</summary>
            private static Location ReportedLocation(IDelegateCreationOperation creation, IOperation function)
            {
                var syntax = function.Syntax;
                switch (syntax)
                {
                    case LambdaExpressionSyntax lambda when function is IAnonymousFunctionOperation:
                        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(lambda.SpanStart, lambda.ArrowToken.Span.End));
                    case AnonymousMethodExpressionSyntax anonymous when function is IAnonymousFunctionOperation:
                        var end = anonymous.ParameterList?.Span.End ?? anonymous.DelegateKeyword.Span.End;
                        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(anonymous.SpanStart, end));
                    default:
                        return creation.Syntax.GetLocation();
                }
            }
        }
    }
}
