using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM005 fixes. <c>Monitor.Enter(o); …; Monitor.Exit(o);</c> becomes <c>lock (o) { … }</c>; <c>Wait</c>/<c>WaitAsync</c> …
    /// <c>Release</c> and <c>Enter*Lock</c> … <c>Exit*Lock</c> become <c>try { … } finally { release; }</c> around the statements
    /// between them. Offered only when acquisition and release are statements of one block, the acquisition cannot fail
    /// (no timeout, no <c>ref bool taken</c>), and nothing between them acquires or releases the same lock.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockNotReleasedInFinallyFixer))]
    [Shared]
    public sealed class LockNotReleasedInFinallyFixer : RootRewriteCodeFixProvider
    {
        private const string LockTitle = "Use a lock statement";
        private const string FinallyTitle = "Release in a finally";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.LockNotReleasedInFinally);

        /// <summary>Both fix kinds (lock, try/finally) are applied by Fix All, since each is the only fix offered for its diagnostic.</summary>
        private protected override string FixAllTitle => FinallyTitle;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = FinallyTitle;
            var calls = LockCalls.TryCreate(semanticModel.Compilation);
            if (calls is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax acquisitionSyntax
                || semanticModel.GetOperation(acquisitionSyntax, cancellationToken) is not IInvocationOperation acquisition
                || StatementOf(acquisitionSyntax) is not { Parent: BlockSyntax block } acquisitionStatement)
            {
                return null;
            }

            var mode = calls.Classify(acquisition, out var isAcquire, out var lockObject);
            if (mode == LockMode.None || !isAcquire || lockObject is null || !CannotFail(acquisition, mode))
            {
                return null;
            }

            // The first release of the same lock among the following statements of the block; nothing in between may touch the lock.
            var statements = block.Statements;
            var first = statements.IndexOf(acquisitionStatement);
            var releaseIndex = -1;
            for (var i = first + 1; i < statements.Count && releaseIndex < 0; i++)
            {
                if (statements[i] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax candidate }
                    && IsCall(candidate, calls, mode, lockObject, acquire: false, semanticModel, cancellationToken))
                {
                    releaseIndex = i;
                    continue;
                }

                foreach (var invocation in statements[i].DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
                {
                    if (IsCall(invocation, calls, mode, lockObject, acquire: null, semanticModel, cancellationToken))
                    {
                        return null;
                    }
                }
            }

            if (releaseIndex < 0 || !StatementWrapping.CanWrap(semanticModel, statements, first + 1, releaseIndex - 1, cancellationToken))
            {
                return null;
            }

            var between = statements.Skip(first + 1).Take(releaseIndex - first - 1).ToList();
            var release = statements[releaseIndex];
            var unit = StatementWrapping.IndentationUnit(block, acquisitionStatement);
            var indentation = StatementWrapping.IndentationOf(acquisitionStatement);
            var endOfLine = root.EndOfLine();
            var text = new StringBuilder();
            if (mode == LockMode.Monitor)
            {
                // 'lock' cannot hold an 'await', and needs a reference type (Monitor.Enter of a value type locks a fresh box).
                if (between.Any(statement => statement.DescendantNodes().OfType<AwaitExpressionSyntax>().Any())
                    || lockObject.WithoutImplicitConversions().Type is not { IsReferenceType: true }
                    || acquisition.Arguments.Length != 1)
                {
                    return null;
                }

                title = LockTitle;
                text.Append(acquisitionStatement.GetLeadingTrivia().ToFullString())
                    .Append("lock (").Append(lockObject.WithoutImplicitConversions().Syntax.ToString()).Append(')').Append(endOfLine)
                    .Append(indentation).Append('{').Append(endOfLine);
                StatementWrapping.AppendIndented(text, between, unit);
                text.Append(indentation).Append('}').Append(release.GetTrailingTrivia().ToFullString());
                return StatementWrapping.ReplaceRange(root, statements, first, releaseIndex, SyntaxFactory.ParseStatement(text.ToString()));
            }

            text.Append(indentation).Append("try").Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine);
            StatementWrapping.AppendIndented(text, between, unit);
            text.Append(indentation).Append('}').Append(endOfLine)
                .Append(indentation).Append("finally").Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine);
            StatementWrapping.AppendIndented(text, new[] { release }, unit);
            text.Append(indentation).Append('}').Append(endOfLine);
            return StatementWrapping.ReplaceRange(root, statements, first + 1, releaseIndex, SyntaxFactory.ParseStatement(text.ToString()));
        }

        /// <summary>
        /// The statement that is the call (<c>x.Wait();</c>) or awaits it (<c>await x.WaitAsync();</c>,
        /// <c>await x.WaitAsync().ConfigureAwait(false);</c>).
        /// </summary>
        private static StatementSyntax? StatementOf(InvocationExpressionSyntax invocation)
        {
            SyntaxNode node = invocation;
            if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access
                && access.Expression == node)
            {
                node = configured;
            }

            if (node.Parent is AwaitExpressionSyntax awaited)
            {
                node = awaited;
            }

            return node.Parent as ExpressionStatementSyntax;
        }

        /// <summary>
        /// An acquisition that always takes the lock before returning: <c>Monitor.Enter(o)</c>, <c>Wait()</c>/<c>WaitAsync()</c>
        /// without a timeout (a <c>CancellationToken</c> throws rather than returning), <c>Enter*Lock()</c>.
        /// </summary>
        private static bool CannotFail(IInvocationOperation acquisition, LockMode mode)
        {
            var method = acquisition.TargetMethod;
            switch (mode)
            {
                case LockMode.Monitor:
                    return method.Name == "Enter";
                case LockMode.Semaphore:
                    return (method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" })
                        && method.Parameters.All(parameter => parameter.Type.Name == "CancellationToken");
                default:
                    return method.Name.StartsWith("Enter", System.StringComparison.Ordinal);
            }
        }

        /// <summary>True when <paramref name="syntax"/> acquires (or releases, or either when null) the same lock in the same mode.</summary>
        private static bool IsCall(InvocationExpressionSyntax syntax, LockCalls calls, LockMode mode, IOperation lockObject, bool? acquire, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (semanticModel.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
            {
                return false;
            }

            var otherMode = calls.Classify(invocation, out var isAcquire, out var otherLock);
            return otherMode == mode
                && (acquire is null || acquire == isAcquire)
                && otherLock is not null
                && (otherLock.IsSameVariableAs(lockObject)
                    || (otherLock.WithoutImplicitConversions() is IInstanceReferenceOperation && lockObject.WithoutImplicitConversions() is IInstanceReferenceOperation));
        }
    }
}
