using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM004: a local holds a newly created disposable that no path disposes, and ownership never leaves the method.
    /// The object's handle, buffer or connection stays in use until the finalizer runs, if it has one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DisposableNotDisposedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property for the fixer: "true" when the fix may write <c>await using</c>.</summary>
        internal const string AwaitUsingProperty = "AwaitUsing";

        /// <summary>Property for the fixer: how many Dispose calls the analysis saw, so that the fixer removes exactly those.</summary>
        internal const string DisposeCallCountProperty = "DisposeCalls";

        private const string Title = "Disposable object is not disposed";

        private const string Description = "An object that implements IDisposable holds something the garbage collector does not release on time: "
            + "a file handle, a socket, a database connection, unmanaged memory or pooled buffers. If the method that created it neither disposes it "
            + "nor hands it over, it stays held until a finalizer runs, if ever. A 'using' declaration disposes it on every path, exceptions included.";

        /// <summary>The message's second argument: which of the two cases it is.</summary>
        internal const string NeverDisposed = "is created here and never disposed";
        internal const string NotDisposedOnEveryPath = "is not disposed if an exception is thrown, or an early exit is taken, before its Dispose call";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.DisposableNotDisposed,
            Title,
            messageFormat: "'{0}' {1}: the handle, connection or buffer it holds stays allocated until a finalizer runs, if ever; declare it with 'using'",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            Description);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = DisposableTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                // Most bodies declare no disposable local: a declarator callback (on the driver's own walk) finds the
                // ones that do, and only those bodies are walked again to classify every use of the local.
                start.RegisterOperationBlockStartAction(blockStart =>
                {
                    var hasCandidate = new CandidateSeen();
                    blockStart.RegisterOperationAction(
                        declaratorContext =>
                        {
                            var declarator = (IVariableDeclaratorOperation)declaratorContext.Operation;
                            if (!hasCandidate.Value
                                && IsPlainLocalDeclaration(declarator)
                                && declarator.Initializer is not null
                                && types.IsDisposable(declarator.Symbol.Type))
                            {
                                hasCandidate.Value = true;
                            }
                        },
                        OperationKind.VariableDeclarator);
                    blockStart.RegisterOperationBlockEndAction(blockContext =>
                    {
                        if (hasCandidate.Value)
                        {
                            AnalyzeBlock(blockContext, types);
                        }
                    });
                });
            });
        }

        /// <summary>Set once a body declares a local that may be a candidate; written by callbacks of that body only.</summary>
        private sealed class CandidateSeen
        {
            public volatile bool Value;
        }

        private sealed class Candidate
        {
            public Candidate(IVariableDeclaratorOperation declarator, IOperation function)
            {
                Declarator = declarator;
                Function = function;
            }

            public IVariableDeclaratorOperation Declarator { get; }

            public IOperation Function { get; }

            public List<IOperation> DisposeCalls { get; } = new List<IOperation>();

            public bool Escapes { get; set; }
        }

        /// <summary>One walk over the block: candidates are found at their declaration, every later reference is classified once.</summary>
        private static void AnalyzeBlock(OperationBlockAnalysisContext context, DisposableTypes types)
        {
            Dictionary<ILocalSymbol, Candidate>? candidates = null;
            AnalyzerOptionsView? options = null;
            foreach (var block in context.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator:
                            if (IsPlainLocalDeclaration(declarator)
                                && declarator.Initializer?.Value.WithoutImplicitConversions() is { } value
                                && types.IsDisposable(declarator.Symbol.Type)
                                && types.IsNewDisposable(value, options ??= ReadOptions(context, block.Syntax.SyntaxTree)))
                            {
                                candidates ??= new Dictionary<ILocalSymbol, Candidate>(SymbolEqualityComparer.Default);
                                candidates[declarator.Symbol] = new Candidate(declarator, FunctionStructure.EnclosingFunction(declarator));
                            }

                            break;

                        case ILocalReferenceOperation reference when candidates is not null && candidates.TryGetValue(reference.Local, out var candidate):
                            switch (DisposableUses.Classify(reference, candidate.Function, types))
                            {
                                case DisposableUse.DisposeCall:
                                    candidate.DisposeCalls.Add(reference);
                                    break;
                                case DisposableUse.UsingResource:
                                case DisposableUse.Escapes:
                                    candidate.Escapes = true;
                                    break;
                            }

                            break;
                    }
                }
            }

            if (candidates is null)
            {
                return;
            }

            foreach (var candidate in candidates.Values)
            {
                if (!candidate.Escapes)
                {
                    Report(context, candidate);
                }
            }
        }

        private static void Report(OperationBlockAnalysisContext context, Candidate candidate)
        {
            string how;
            if (candidate.DisposeCalls.Count == 0)
            {
                how = NeverDisposed;
            }
            else if (IsDisposedOnEveryPath(candidate))
            {
                return;
            }
            else
            {
                how = NotDisposedOnEveryPath;
            }

            var declarator = candidate.Declarator;
            var isAsync = candidate.Function switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
                ILocalFunctionOperation localFunction => localFunction.Symbol.IsAsync,
                _ => context.OwningSymbol is IMethodSymbol { IsAsync: true },
            };
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(AwaitUsingProperty, isAsync ? "true" : "false")
                .Add(DisposeCallCountProperty, candidate.DisposeCalls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var location = declarator.Syntax is VariableDeclaratorSyntax syntax
                ? syntax.Identifier.GetLocation()
                : declarator.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, properties, declarator.Symbol.Name, how));
        }

        /// <summary>
        /// A Dispose call in a finally covers every path; so do a call in a catch (the error path) together with a plain
        /// call (the normal path), and a call in the statement right after the declaration, since nothing can throw in between.
        /// </summary>
        private static bool IsDisposedOnEveryPath(Candidate candidate)
        {
            bool inCatch = false, outsideHandlers = false;
            foreach (var call in candidate.DisposeCalls)
            {
                switch (FunctionStructure.PositionInHandlers(call, candidate.Function))
                {
                    case HandlerPosition.Finally:
                        return true;
                    case HandlerPosition.Catch:
                        inCatch = true;
                        break;
                    default:
                        outsideHandlers = true;
                        break;
                }
            }

            if (inCatch && outsideHandlers)
            {
                // Disposed in a catch on the error path, and by a plain call on the normal path.
                return true;
            }

            if (candidate.DisposeCalls.Count == 1
                && FunctionStructure.StatementInBlock(candidate.Declarator, out var declarationBlock) is { } declaration
                && FunctionStructure.StatementInBlock(candidate.DisposeCalls[0], out var disposeBlock) is { } dispose
                && ReferenceEquals(declarationBlock, disposeBlock))
            {
                // Adjacent statements. Binary search by position: a linear scan of a 20,000-statement block per local would be quadratic.
                var operations = declarationBlock!.Operations;
                var low = 0;
                var high = operations.Length - 1;
                var start = declaration.Syntax.SpanStart;
                while (low <= high)
                {
                    var middle = low + ((high - low) / 2);
                    var middleStart = operations[middle].Syntax.SpanStart;
                    if (middleStart == start)
                    {
                        return ReferenceEquals(operations[middle], declaration)
                            && middle + 1 < operations.Length
                            && ReferenceEquals(operations[middle + 1], dispose);
                    }

                    if (middleStart < start)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle - 1;
                    }
                }
            }

            return false;
        }

        /// <summary>A local of a declaration statement: not a <c>using</c> declaration, a <c>using</c> resource or a <c>for</c> initializer.</summary>
        private static bool IsPlainLocalDeclaration(IVariableDeclaratorOperation declarator)
            => declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation { Parent: IBlockOperation or ISwitchCaseOperation } };

        private static AnalyzerOptionsView ReadOptions(OperationBlockAnalysisContext context, SyntaxTree tree)
            => new AnalyzerOptionsView(
                RuleOptions.GetValue(context.Options, tree, RuleIds.DisposableNotDisposed, DisposableTypes.ExcludedTypesOption),
                RuleOptions.GetValue(context.Options, tree, RuleIds.DisposableNotDisposed, DisposableTypes.FactoryMethodsOption));
    }
}
