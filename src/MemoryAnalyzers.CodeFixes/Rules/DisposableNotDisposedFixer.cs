using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM004 fix "Dispose with using". Writes <c>using var</c> (or <c>await using var</c>) when the object may live to the
    /// end of its block: there is no Dispose call, or the only one is the block's last statement (then it is removed).
    /// When a Dispose call sits in the middle of the block, or the language is older than C# 8, it writes a
    /// <c>using (...) { }</c> block that ends exactly where the Dispose call was, so the object is released no later than before.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisposableNotDisposedFixer))]
    [Shared]
    public sealed class DisposableNotDisposedFixer : RootRewriteCodeFixProvider
    {
        private const string Title = "Dispose with using";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.DisposableNotDisposed);

        private protected override string FixAllTitle => Title;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = Title;
            if (DiagnosticProperties.IsSet(diagnostic, DisposableNotDisposedAnalyzer.TemporaryProperty))
            {
                return DisposableTemporaryRewrite.TryFix(root, semanticModel, diagnostic, cancellationToken);
            }

            if (DiagnosticProperties.IsSet(diagnostic, DisposableNotDisposedAnalyzer.LateCallbackProperty))
            {
                // 'using' would turn the leak into an ObjectDisposedException in a callback that runs after the block ends.
                return null;
            }

            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is not VariableDeclaratorSyntax declarator
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
                || declaration.Parent is not LocalDeclarationStatementSyntax statement
                || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                || semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
            {
                return null;
            }

            if (OutlivesTheMethod(local.Type) || ReturnsPendingWork(statement, semanticModel, cancellationToken))
            {
                return null;
            }

            var languageVersion = ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion;
            var usingDeclarations = languageVersion >= LanguageVersion.CSharp8;
            var types = DisposableTypes.TryCreate(semanticModel.Compilation);
            if (types is null)
            {
                return null;
            }

            var awaitUsing = usingDeclarations && UsesAwaitUsing(diagnostic, types, local.Type, statement);
            if (!awaitUsing && !types.IsSyncDisposable(local.Type))
            {
                return null;
            }

            List<StatementSyntax> statements = statement.Parent switch
            {
                BlockSyntax block => block.Statements.ToList(),
                GlobalStatementSyntax { Parent: CompilationUnitSyntax compilationUnit } => compilationUnit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList(),
                _ => new List<StatementSyntax>(),
            };
            var index = statements.IndexOf(statement);
            if (index < 0 || statements.Any(s => s is LabeledStatementSyntax))
            {
                // A goto may not jump backwards over a using declaration (CS8648); labels are rare enough to leave alone.
                return null;
            }

            var disposeCalls = DisposeStatements(statement, local, semanticModel, cancellationToken);
            if (disposeCalls is null
                || disposeCalls.Count > 1
                || DiagnosticProperties.Number(diagnostic, DisposableNotDisposedAnalyzer.DisposeCallCountProperty) != disposeCalls.Count)
            {
                return null;
            }

            var disposeIndex = disposeCalls.Count == 1 ? statements.IndexOf(disposeCalls[0]) : -1;
            if (disposeCalls.Count == 1 && disposeIndex <= index)
            {
                // The Dispose call is nested (in an 'if', a loop) or not in this block: the rewrite would move it.
                return null;
            }

            var disposeIsLast = disposeIndex == statements.Count - 1;
            if (usingDeclarations && (disposeCalls.Count == 0 || disposeIsLast))
            {
                return UsingDeclaration(root, statement, disposeIsLast ? statements[disposeIndex] : null, awaitUsing);
            }

            if (statement.Parent is not BlockSyntax parentBlock)
            {
                return null;
            }

            var last = disposeCalls.Count == 1 ? disposeIndex - 1 : statements.Count - 1;
            if (!StatementWrapping.CanWrap(semanticModel, statements, index + 1, last, cancellationToken))
            {
                return null;
            }

            var unit = StatementWrapping.IndentationUnit(parentBlock, statement);
            var indentation = StatementWrapping.IndentationOf(statement);
            var endOfLine = root.EndOfLine();
            var text = new StringBuilder();
            text.Append(statement.GetLeadingTrivia().ToFullString())
                .Append(awaitUsing ? "await using (" : "using (")
                .Append(declaration.ToString())
                .Append(')').Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine);
            StatementWrapping.AppendIndented(text, statements.Skip(index + 1).Take(last - index), unit);
            text.Append(indentation).Append('}').Append(endOfLine);
            var replacement = SyntaxFactory.ParseStatement(text.ToString());
            var lastReplaced = disposeCalls.Count == 1 ? disposeIndex : last;
            return StatementWrapping.ReplaceRange(root, statements, index, lastReplaced, replacement);
        }

        /// <summary>'await using' for IAsyncDisposable in an async function (not inside a lock); a type with only DisposeAsync needs it.</summary>
        internal static bool UsesAwaitUsing(Diagnostic diagnostic, DisposableTypes types, ITypeSymbol type, SyntaxNode statement)
            => DiagnosticProperties.IsSet(diagnostic, DisposableNotDisposedAnalyzer.AwaitUsingProperty)
                && types.IsAsyncDisposable(type)
                && !statement.Ancestors().TakeWhile(a => a is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)).Any(a => a is LockStatementSyntax);

        /// <summary>
        /// Objects that work after the method returns (a timer's callback, a watcher's events): disposing them at the end of
        /// the block would stop them. The leak is real, but where to dispose them is the author's call.
        /// </summary>
        internal static bool OutlivesTheMethod(ITypeSymbol type)
            => type.ToDisplayString() is "System.Threading.Timer" or "System.Timers.Timer" or "System.IO.FileSystemWatcher" or "System.Threading.PeriodicTimer";

        /// <summary>
        /// A function that is not async but returns a task (or any awaitable) hands back work that may still use the object
        /// (<c>return DoAsync(cts.Token);</c>): disposing at the end of the function would pull it from under that work.
        /// </summary>
        internal static bool ReturnsPendingWork(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var function = node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
            var symbol = function switch
            {
                AnonymousFunctionExpressionSyntax lambda => semanticModel.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
                CompilationUnitSyntax => null,
                null => null,
                _ => semanticModel.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol,
            };
            if (symbol is null || symbol.IsAsync || symbol.ReturnsVoid)
            {
                return false;
            }

            var returnType = symbol.ReturnType;
            return returnType.GetMembers("GetAwaiter").Any() || returnType.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IAsyncEnumerable<T>";
        }

        /// <summary><c>using var x = ...;</c> with the user's trivia; the trailing Dispose statement goes.</summary>
        private static SyntaxNode UsingDeclaration(SyntaxNode root, LocalDeclarationStatementSyntax statement, StatementSyntax? trailingDispose, bool awaitUsing)
        {
            var leading = statement.GetLeadingTrivia();
            var usingKeyword = SyntaxFactory.Token(awaitUsing ? default : leading, SyntaxKind.UsingKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            var newStatement = statement.WithoutLeadingTrivia().WithUsingKeyword(usingKeyword);
            if (awaitUsing)
            {
                newStatement = newStatement.WithAwaitKeyword(SyntaxFactory.Token(leading, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            }

            if (trailingDispose is null)
            {
                return root.ReplaceNode(statement, newStatement);
            }

            SyntaxNode toRemove = trailingDispose.Parent is GlobalStatementSyntax global ? global : trailingDispose;
            var tracked = root.TrackNodes(statement, toRemove);
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(statement)!, newStatement);
            return tracked.RemoveNode(tracked.GetCurrentNode(toRemove)!, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        /// <summary>
        /// The statements that dispose the local (<c>x.Dispose();</c>, <c>x.Close();</c>, <c>x?.Dispose();</c>,
        /// <c>await x.DisposeAsync();</c>); null when some Dispose call is part of a larger statement.
        /// </summary>
        private static List<StatementSyntax>? DisposeStatements(LocalDeclarationStatementSyntax declaration, ILocalSymbol local, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            SyntaxNode scope = declaration.Parent is GlobalStatementSyntax { Parent: { } unit } ? unit : declaration.Parent!;
            var result = new List<StatementSyntax>();
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != local.Name
                    || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                {
                    continue;
                }

                SyntaxNode call;
                if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "Close" or "DisposeAsync" } member
                    && member.Expression == identifier
                    && member.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation)
                {
                    call = invocation;
                }
                else if (identifier.Parent is ConditionalAccessExpressionSyntax conditional
                    && conditional.Expression == identifier
                    && conditional.WhenNotNull is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "Close" or "DisposeAsync" } })
                {
                    call = conditional;
                }
                else
                {
                    continue;
                }

                if (call.Parent is AwaitExpressionSyntax awaited)
                {
                    call = awaited;
                }

                if (call.Parent is not ExpressionStatementSyntax expressionStatement)
                {
                    return null;
                }

                result.Add(expressionStatement);
            }

            return result;
        }
    }
}
