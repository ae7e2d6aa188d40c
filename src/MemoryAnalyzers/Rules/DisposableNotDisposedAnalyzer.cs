using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM004: a newly created disposable that holds a real resource is not disposed on some path, and ownership never
    /// leaves the method: a local that no path disposes, or an object used once as an operand and dropped.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DisposableNotDisposedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property for the fixer: "true" when the fix may write <c>await using</c>.</summary>
        internal const string AwaitUsingProperty = "AwaitUsing";

        /// <summary>Property for the fixer: how many Dispose calls the analysis saw, so that the fixer removes exactly those.</summary>
        internal const string DisposeCallCountProperty = "DisposeCalls";

        /// <summary>
        /// Property for the fixer: "true" when a lambda, or a wrapper that keeps the object without disposing it, may use it
        /// after the method returns: no fix, since 'using' would dispose it under them.
        /// </summary>
        internal const string LateCallbackProperty = "LateCallback";

        /// <summary>Property for the fixer: "true" when the diagnostic is on an object that is never stored (the fix introduces a local).</summary>
        internal const string TemporaryProperty = "Temporary";

        private const string Title = "Disposable object is not disposed";

        private const string Description = "An object that owns an OS or pooled resource (a file handle, a socket, a wait handle, a timer, a database "
            + "connection, a native crypto context) keeps it until Dispose runs. If the method that created it neither disposes it on every path nor "
            + "hands it over, the resource stays held until a finalizer runs, if the type has one: files stay locked, handles and connections pile up. "
            + "A 'using' declaration disposes it on every path, exceptions included. Objects that hold nothing but managed memory are not reported "
            + "unless the include_types_without_resource option is set.";

        /// <summary>The message's second argument: which case it is.</summary>
        internal const string NeverDisposed = "is created here and never disposed";
        internal const string NotDisposedOnEveryPath = "is not disposed if an exception is thrown before its Dispose call";
        internal const string NotDisposedOnPathFormat = "is not disposed on the path through line {0}";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.DisposableNotDisposed,
            Title,
            messageFormat: "'{0}' {1}: {2}",
            RuleTags.Reliability,
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

                var resources = new HeldResources(start.Compilation, types);
                var optionsByTree = new OptionsPerTree<AnalyzerOptionsView>(start.Options, RuleIds.DisposableNotDisposed, reader => new AnalyzerOptionsView(
                    reader.Value(RuleOptionNames.ExcludedTypes),
                    reader.Value(RuleOptionNames.FactoryMethods),
                    reader.Flag(RuleOptionNames.IncludeTypesWithoutResource, defaultValue: false)));

                // Most bodies create no disposable: a callback on declarators, creations and calls (on the driver's own
                // walk) filters by type first. An object used once as an operand is judged on the spot. A local that holds a
                // new disposable with a real resource needs its later uses: the first such local of a body walks the body
                // once and keeps what it found for the body's operation tree (BodyCache, a weak table: no state outlives the
                // tree, so every analysis pass computes its own result); each local's own callback reports its finding. No
                // operation-block actions: on real code their per-body set-up was a third of the rule's cost.
                var bodies = new BodyCache<Findings>();
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        // A diagnostic must lie within the operation whose callback reports it: a local's is reported from its
                        // declarator (the location is the local's name), an object used once from its creation.
                        var operation = operationContext.Operation;
                        if (operation is IVariableDeclaratorOperation declarator)
                        {
                            if (LocalResource(declarator, optionsByTree.For(operation.Syntax.SyntaxTree), types, resources) is not null)
                            {
                                var context = operationContext;
                                var findings = bodies.For(operation, body => AnalyzeBody(body, context, types, resources, optionsByTree));
                                if (findings.TryGetValue(operation, out var diagnostic))
                                {
                                    operationContext.ReportDiagnostic(diagnostic);
                                }
                            }
                        }
                        else if (DroppedTemporary(operation, optionsByTree, types, resources) is { } held)
                        {
                            operationContext.ReportDiagnostic(ReportTemporary(operationContext, operation, held));
                        }
                    },
                    OperationKind.VariableDeclarator,
                    OperationKind.ObjectCreation,
                    OperationKind.Invocation);
            });
        }

        /// <summary>What one walk of a body found: the diagnostic for each local's declarator.</summary>
        private sealed class Findings : Dictionary<IOperation, Diagnostic>
        {
        }

        private sealed class Candidate
        {
            public Candidate(IVariableDeclaratorOperation declarator, IOperation function, HeldResource resource)
            {
                Declarator = declarator;
                Function = function;
                Resource = resource;
            }

            public IVariableDeclaratorOperation Declarator { get; }

            public IOperation Function { get; }

            public HeldResource Resource { get; }

            public List<IOperation> DisposeCalls { get; } = new List<IOperation>();

            public bool Escapes { get; set; }

            /// <summary>Handed to a project wrapper that keeps it but never disposes it.</summary>
            public bool KeptByWrapper { get; set; }

            /// <summary>The lambdas that read or signal it; null when none does.</summary>
            public List<IOperation>? CapturingLambdas { get; set; }

            /// <summary>Where the last <c>WaitOne()</c> or <c>Wait()</c> without a timeout on it starts; -1 when there is none.</summary>
            public int LastUntimedWait { get; set; } = -1;
        }

        /// <summary>One walk over the body: locals are found at their declaration, every later reference is classified once.</summary>
        private static Findings AnalyzeBody(IOperation body, OperationAnalysisContext context, DisposableTypes types, HeldResources resources, OptionsPerTree<AnalyzerOptionsView> optionsByTree)
        {
            var findings = new Findings();
            Dictionary<ILocalSymbol, Candidate>? candidates = null;
            List<IReturnOperation>? returns = null;
            AnalyzerOptionsView? options = null;
            var tree = body.Syntax.SyntaxTree;
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        if (LocalResource(declarator, options ??= optionsByTree.For(tree), types, resources) is { } resource)
                        {
                            candidates ??= new Dictionary<ILocalSymbol, Candidate>(SymbolEqualityComparer.Default);
                            candidates[declarator.Symbol] = new Candidate(declarator, FunctionStructure.EnclosingFunction(declarator), resource);
                        }

                        break;

                    case IReturnOperation { Kind: OperationKind.Return } exit:
                        (returns ??= new List<IReturnOperation>()).Add(exit);
                        break;

                    case ILocalReferenceOperation reference when candidates is not null && candidates.TryGetValue(reference.Local, out var candidate):
                        switch (DisposableUses.Classify(reference, candidate.Function, types))
                        {
                            case DisposableUse.DisposeCall:
                                candidate.DisposeCalls.Add(reference);
                                break;
                            case DisposableUse.KeptUndisposed:
                                candidate.KeptByWrapper = true;
                                break;
                            case DisposableUse.CapturedBorrow:
                                (candidate.CapturingLambdas ??= new List<IOperation>()).Add(FunctionStructure.EnclosingFunction(reference));
                                break;
                            case DisposableUse.Borrow when reference.Parent is IInvocationOperation { TargetMethod.Name: "WaitOne" or "Wait", Arguments.IsEmpty: true }:
                                candidate.LastUntimedWait = reference.Syntax.SpanStart;
                                break;
                            case DisposableUse.UsingResource:
                            case DisposableUse.Escapes:
                                candidate.Escapes = true;
                                break;
                        }

                        break;
                }
            }

            if (candidates is null)
            {
                return findings;
            }

            foreach (var candidate in candidates.Values)
            {
                if (!candidate.Escapes && Report(context, candidate, returns ?? new List<IReturnOperation>()) is { } diagnostic)
                {
                    findings[candidate.Declarator] = diagnostic;
                }
            }

            return findings;
        }

        /// <summary>
        /// What a plain local holds when its initializer creates a new disposable worth reporting; null otherwise. Filtered
        /// by syntax and by the called method's name first (<see cref="MayHandOutNew"/>), then by the local's type: on real
        /// code, looking at types is most of the rule's cost.
        /// </summary>
        private static HeldResource? LocalResource(IVariableDeclaratorOperation declarator, AnalyzerOptionsView options, DisposableTypes types, HeldResources resources)
            => IsPlainLocalDeclaration(declarator)
                && declarator.Initializer?.Value.WithoutImplicitConversions() is { } value
                && MayHandOutNew(value, options)
                && types.IsDisposable(declarator.Symbol.Type)
                && types.IsNewDisposable(value, options)
                    ? HoldsEnough(resources.OfValue(value), options)
                    : null;

        /// <summary>
        /// A creation, or a call of a method that may hand out a new object: a project method, a library method by the names
        /// factories have (<see cref="DisposableTypes.MayReturnNew"/>), or any method when the factory_methods option names more.
        /// </summary>
        private static bool MayHandOutNew(IOperation value, AnalyzerOptionsView options) => value switch
        {
            IObjectCreationOperation => true,
            IInvocationOperation call => options.FactoryMethods is not null || DisposableTypes.MayReturnNew(call.TargetMethod),
            _ => false,
        };

        /// <summary>
        /// An object created and used once as an operand, never stored (<c>File.OpenRead(path).Length</c>): what it holds when
        /// it is new, its use only borrows it, and it holds a real resource; null otherwise. Needs no walk of the body.
        /// </summary>
        private static HeldResource? DroppedTemporary(IOperation created, OptionsPerTree<AnalyzerOptionsView> optionsByTree, DisposableTypes types, HeldResources resources)
        {
            if (created.Type is not { IsReferenceType: true, SpecialType: SpecialType.None } type || !IsOperand(created))
            {
                return null;
            }

            // Most operands are calls of library methods that cannot hand out a new object by their name (Append, Select,
            // ToString...): decided before the type is looked at.
            var options = optionsByTree.For(created.Syntax.SyntaxTree);
            if (!MayHandOutNew(created, options))
            {
                return null;
            }

            // What it holds before how it is used: most new disposables used as operands hold no real resource (a
            // MemoryStream handed to a reader, an enumerator of a list), and that answer is cached per type, where
            // classifying the use may summarise the method it is passed to.
            return types.IsDisposable(type)
                && types.IsNewDisposable(created, options)
                && HoldsEnough(resources.OfValue(created), options) is { } held
                && DisposableUses.ClassifyTemporary(created, types) == DisposableUse.Borrow
                    ? held
                    : null;
        }

        /// <summary>Silent by default on objects that hold nothing but managed memory (see <see cref="HeldResource.Nothing"/>).</summary>
        private static HeldResource? HoldsEnough(HeldResource resource, AnalyzerOptionsView options)
            => resource.IsNothing && !options.IncludeTypesWithoutResource ? null : resource;

        /// <summary>A creation whose value is read on the spot rather than stored: the receiver of a member, or an operand.</summary>
        private static bool IsOperand(IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                current = conversion;
            }

            return current.Parent switch
            {
                IInvocationOperation invocation => ReferenceEquals(invocation.Instance, current),
                IPropertyReferenceOperation property => ReferenceEquals(property.Instance, current),
                IBinaryOperation or IIsTypeOperation or IIsPatternOperation => true,
                IArgumentOperation { Parent: IInvocationOperation } => true,
                _ => false,
            };
        }

        private static Diagnostic? Report(OperationAnalysisContext context, Candidate candidate, List<IReturnOperation> returns)
        {
            string how;
            if (candidate.DisposeCalls.Count == 0)
            {
                how = NeverDisposed;
            }
            else if (DisposalPaths.AreCovered(candidate.Declarator, candidate.Function, candidate.DisposeCalls, returns, out var exit))
            {
                return null;
            }
            else
            {
                how = exit is null
                    ? NotDisposedOnEveryPath
                    : string.Format(CultureInfo.InvariantCulture, NotDisposedOnPathFormat, exit.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
            }

            var declarator = candidate.Declarator;
            var properties = DiagnosticProperties.Empty
                .With(AwaitUsingProperty, IsAsync(context, candidate.Function))
                .With(DisposeCallCountProperty, candidate.DisposeCalls.Count)
                .With(LateCallbackProperty, candidate.KeptByWrapper || MayBeUsedByALateCallback(candidate));
            var location = declarator.Syntax is VariableDeclaratorSyntax syntax
                ? syntax.Identifier.GetLocation()
                : declarator.Syntax.GetLocation();
            return properties.CreateDiagnostic(Rule, location, null, declarator.Symbol.Name, how, candidate.Resource.Cost);
        }

        /// <summary>
        /// A lambda that uses the object may run after the method returns, unless each such lambda is passed to a call that
        /// is awaited, or the method then waits on the object without a timeout (the callback's signal is its last use).
        /// <c>using</c> would then turn the leak into an <c>ObjectDisposedException</c> in a late callback: no fix.
        /// </summary>
        private static bool MayBeUsedByALateCallback(Candidate candidate)
        {
            if (candidate.CapturingLambdas is null)
            {
                return false;
            }

            foreach (var lambda in candidate.CapturingLambdas)
            {
                if (!IsArgumentOfAwaitedCall(lambda) && candidate.LastUntimedWait < lambda.Syntax.Span.End)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsArgumentOfAwaitedCall(IOperation lambda)
        {
            var current = lambda.Parent is IDelegateCreationOperation creation ? creation : lambda;
            if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation call })
            {
                return false;
            }

            IOperation awaited = call;
            while (awaited.Parent is IConversionOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
            {
                awaited = awaited.Parent;
            }

            return awaited.Parent is IAwaitOperation;
        }

        /// <summary>An object used once and dropped: reported at its creation, named by its type.</summary>
        private static Diagnostic ReportTemporary(OperationAnalysisContext context, IOperation created, HeldResource resource)
        {
            var properties = DiagnosticProperties.Empty
                .With(AwaitUsingProperty, IsAsync(context, FunctionStructure.EnclosingFunction(created)))
                .With(DisposeCallCountProperty, 0)
                .With(TemporaryProperty, true);
            var name = created.Syntax.ToString();
            if (name.Length > 40 || name.IndexOf('\n') >= 0)
            {
                name = created.Type!.Name;
            }

            return properties.CreateDiagnostic(Rule, created.Syntax.GetLocation(), null, name, NeverDisposed, resource.Cost);
        }

        private static bool IsAsync(OperationAnalysisContext context, IOperation function) => function switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            ILocalFunctionOperation localFunction => localFunction.Symbol.IsAsync,
            _ => context.ContainingSymbol is IMethodSymbol { IsAsync: true },
        };

        /// <summary>A local of a declaration statement: not a <c>using</c> declaration, a <c>using</c> resource or a <c>for</c> initializer.</summary>
        private static bool IsPlainLocalDeclaration(IVariableDeclaratorOperation declarator)
            => declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation { Parent: IBlockOperation or ISwitchCaseOperation } };
    }
}
