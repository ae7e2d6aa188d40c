using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM005: a lock (<c>Monitor</c>, <c>SemaphoreSlim</c>, <c>ReaderWriterLockSlim</c>) is acquired and released in one
    /// method, but no release is in a finally: an exception in between leaves it held for good.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LockNotReleasedInFinallyAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.LockNotReleasedInFinally,
            title: "Lock is not released in a finally",
            messageFormat: "'{0}' is acquired by {1} but {2} is not in a finally: an exception in between leaves it held and {3}",
            RuleTags.Reliability,
            DiagnosticSeverity.Warning,
            description: "A lock released by a plain statement stays held when an exception is thrown between the acquisition and the release. "
                + "Every thread that later waits for it blocks for ever, keeping its stack and everything it references alive; an "
                + "asynchronous waiter (WaitAsync) blocks no thread, but its continuation never runs and keeps what it captured. "
                + "'lock' and try/finally release it on every path.");

        /// <summary>The message's last argument: what a lock left held costs, for threads that block and for awaiting code.</summary>
        internal const string BlockedThreadsCost = "every thread that waits for it blocked for good";
        internal const string AsyncWaitersCost = "every later WaitAsync pending for good, with what its continuation captured";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var calls = LockCalls.TryCreate(start.Compilation);
                if (calls is null)
                {
                    return;
                }

                // Only a body that acquires a lock is walked, once, when the first acquisition in it is seen.
                var groupsByBody = new BodyCache<Dictionary<(IOperation Function, LockMode Mode, ISymbol Lock), LockUses>>(body => GroupCalls(body, calls));
                start.RegisterOperationAction(context => AnalyzeInvocation(context, calls, groupsByBody), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(
            OperationAnalysisContext context,
            LockCalls calls,
            BodyCache<Dictionary<(IOperation Function, LockMode Mode, ISymbol Lock), LockUses>> groupsByBody)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var mode = calls.Classify(invocation, out var isAcquire, out var lockObject);
            if (mode == LockMode.None || !isAcquire || lockObject is null || LockCalls.LockSymbol(lockObject) is not { } lockSymbol)
            {
                return;
            }

            if (groupsByBody.For(invocation).TryGetValue((FunctionStructure.EnclosingFunction(invocation), mode, lockSymbol), out var uses)
                && uses.HasRelease
                && !uses.HasReleaseInFinally)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    invocation.Syntax.GetLocation(),
                    lockSymbol is ITypeSymbol ? "this" : lockSymbol.Name,
                    LockCalls.AcquireName(mode, invocation.TargetMethod),
                    LockCalls.ReleaseName(mode),
                    LockCalls.IsAsynchronous(mode, invocation.TargetMethod) ? AsyncWaitersCost : BlockedThreadsCost));
            }
        }

        private sealed class LockUses
        {
            public bool HasRelease { get; set; }

            public bool HasReleaseInFinally { get; set; }
        }

        /// <summary>
        /// One walk over the body groups lock calls by (function, mode, lock symbol). An acquisition is reported when its
        /// group releases the lock but never in a finally; a group without any release (a lock held across methods) is left alone.
        /// </summary>
        private static Dictionary<(IOperation Function, LockMode Mode, ISymbol Lock), LockUses> GroupCalls(IOperation body, LockCalls calls)
        {
            var groups = new Dictionary<(IOperation, LockMode, ISymbol), LockUses>(KeyComparer.Instance);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                var mode = calls.Classify(invocation, out var isAcquire, out var lockObject);
                if (mode == LockMode.None || lockObject is null || LockCalls.LockSymbol(lockObject) is not { } lockSymbol)
                {
                    continue;
                }

                var function = FunctionStructure.EnclosingFunction(invocation);
                var key = (function, mode, lockSymbol);
                if (!groups.TryGetValue(key, out var uses))
                {
                    uses = new LockUses();
                    groups.Add(key, uses);
                }

                if (!isAcquire)
                {
                    uses.HasRelease = true;
                    uses.HasReleaseInFinally |= FunctionStructure.IsInFinallyOrCatch(invocation, function)
                        || IsAfterCatchAll(invocation, calls.ExceptionType);
                }
            }

            return groups;
        }

        /// <summary>
        /// <c>Wait(); try { … } catch (Exception e) { log(e); } Release();</c>: every exception is swallowed, so the release
        /// after the try runs on every path, as it would in a finally.
        /// </summary>
        private static bool IsAfterCatchAll(IInvocationOperation release, ITypeSymbol? exceptionType)
            => FunctionStructure.StatementInBlock(release, out var block) is { } statement
                && statement is IExpressionStatementOperation { Operation: var expression }
                && ReferenceEquals(expression.WithoutImplicitConversions(), release)
                && FunctionStructure.PreviousStatement(statement, block!) is ITryOperation tryOperation
                && FunctionStructure.AlwaysFallsThrough(tryOperation, exceptionType);

        private sealed class KeyComparer : IEqualityComparer<(IOperation Function, LockMode Mode, ISymbol Lock)>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public bool Equals((IOperation Function, LockMode Mode, ISymbol Lock) x, (IOperation Function, LockMode Mode, ISymbol Lock) y)
                => ReferenceEquals(x.Function, y.Function) && x.Mode == y.Mode && SymbolEqualityComparer.Default.Equals(x.Lock, y.Lock);

            public int GetHashCode((IOperation Function, LockMode Mode, ISymbol Lock) obj)
                => (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Function) * 31 + (int)obj.Mode) * 31
                    + SymbolEqualityComparer.Default.GetHashCode(obj.Lock);
        }
    }
}
