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
    /// MEM008 fix "Convert to iterator": <c>list.Add(x);</c> → <c>yield return x;</c>, <c>list.AddRange(s);</c> →
    /// <c>foreach (var item in s) yield return item;</c>, the declaration and the final <c>return list;</c> go (an earlier
    /// one becomes <c>yield break;</c>). Argument checks at the top of the body (<c>if (...) throw ...;</c>,
    /// <c>ArgumentNullException.ThrowIfNull(x);</c>) stay in the member, which returns an iterator local function, so
    /// that they still throw when the member is called rather than when the sequence is enumerated.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ListReturnedAsSequenceFixer))]
    [Shared]
    public sealed class ListReturnedAsSequenceFixer : RootRewriteCodeFixProvider
    {
        private const string Title = "Convert to iterator";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ListReturnedAsSequence);

        private protected override string FixAllTitle => Title;

        /// <summary>Each rewrite replaces one function body: the batch fixer merges them.</summary>
        private protected override bool FixAllInOneBatch => true;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = Title;
            if (!DiagnosticProperties.IsSet(diagnostic, ListReturnedAsSequenceAnalyzer.FixablePropertyName)
                || diagnostic.AdditionalLocations.Count != 2
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { Parent: BlockSyntax body } declaration
                || root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<ReturnStatementSyntax>() is not { } finalReturn
                || finalReturn.Parent != body
                || Function(body) is not { } function
                || function.Modifiers.Any(SyntaxKind.UnsafeKeyword) || function.Modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                return null;
            }

            var queried = DiagnosticProperties.IsSet(diagnostic, ListReturnedAsSequenceAnalyzer.QueriedPropertyName);
            var newBody = Rewrite(semanticModel, body, declaration, finalReturn, function, queried, cancellationToken);
            return newBody is null ? null : root.ReplaceNode(body, newBody);
        }

        /// <summary>The declaration that owns the body, with what the fix needs of it.</summary>
        private sealed class FunctionInfo
        {
            public FunctionInfo(string name, TypeSyntax returnType, SyntaxTokenList modifiers)
            {
                Name = name;
                ReturnType = returnType;
                Modifiers = modifiers;
            }

            public string Name { get; }

            public TypeSyntax ReturnType { get; }

            public SyntaxTokenList Modifiers { get; }
        }

        private static FunctionInfo? Function(BlockSyntax body) => body.Parent switch
        {
            MethodDeclarationSyntax method => new FunctionInfo(method.Identifier.ValueText, method.ReturnType, method.Modifiers),
            LocalFunctionStatementSyntax local => new FunctionInfo(local.Identifier.ValueText, local.ReturnType, local.Modifiers),
            AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax property } => new FunctionInfo(property.Identifier.ValueText, property.Type, property.Modifiers),
            _ => null,
        };

        /// <summary>
        /// The new body. With <paramref name="queried"/> (<c>return list.Where(...);</c>) the member always returns the
        /// operators applied to the iterator local function (<c>return BuildIterator().Where(...);</c>), which yields the
        /// list's elements: the analyzer checked that the operators' arguments can be evaluated there.
        /// </summary>
        private static BlockSyntax? Rewrite(
            SemanticModel semanticModel, BlockSyntax body, LocalDeclarationStatementSyntax declaration, ReturnStatementSyntax finalReturn, FunctionInfo function, bool queried, CancellationToken cancellationToken)
        {
            var listName = declaration.Declaration.Variables[0].Identifier.ValueText;
            var memberBody = FreshNames.EnclosingMemberBody(body) ?? body;
            var taken = FreshNames.TakenNames(semanticModel, memberBody, body.SpanStart);

            // Every use of the list, outside nested functions (the analyzer checked there are no others).
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            var yields = 0;
            foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case ExpressionStatementSyntax
                    {
                        Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: var method }, ArgumentList.Arguments.Count: 1 } call,
                    } statement when receiver.Identifier.ValueText == listName:
                        var argument = call.ArgumentList.Arguments[0].Expression.ToString();
                        string text;
                        if (method == "Add")
                        {
                            text = "yield return " + argument + ";";
                        }
                        else
                        {
                            var item = FreshNames.Reserve("item", taken);
                            text = "foreach (var " + item + " in " + argument + ") yield return " + item + ";";
                        }

                        replacements.Add(statement, SyntaxFactory.ParseStatement(text).WithTriviaFrom(statement));
                        yields++;
                        break;
                    case ReturnStatementSyntax earlyReturn when earlyReturn != finalReturn:
                        replacements.Add(earlyReturn, SyntaxFactory.ParseStatement("yield break;").WithTriviaFrom(earlyReturn));
                        yields++;
                        break;
                }
            }

            var rewritten = body.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            var statements = rewritten.Statements.ToList();
            var declarationIndex = body.Statements.IndexOf(declaration);
            var returnIndex = body.Statements.IndexOf(finalReturn);
            if (yields == 0)
            {
                // An iterator needs a yield; an empty list becomes an empty sequence.
                statements[returnIndex] = SyntaxFactory.ParseStatement("yield break;").WithTriviaFrom(finalReturn);
            }
            else
            {
                statements.RemoveAt(returnIndex);
            }

            var declarationTrivia = declaration.GetLeadingTrivia();
            statements.RemoveAt(declarationIndex);
            if (declarationTrivia.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                && declarationIndex < statements.Count)
            {
                // The comments above the declaration move to the next statement, which keeps its own indentation.
                statements[declarationIndex] = statements[declarationIndex].WithLeadingTrivia(
                    SequenceRewrite.MergedLeadingTrivia(declarationTrivia, statements[declarationIndex].GetLeadingTrivia()));
            }

            // Checks before anything else stay eager.
            var checks = 0;
            while (checks < declarationIndex && IsArgumentCheck(statements[checks]))
            {
                checks++;
            }

            if (checks == 0 && !queried)
            {
                return rewritten.WithStatements(SyntaxFactory.List(statements));
            }

            // Re-indenting the body one level must not change the text of a string that spans lines.
            if (body.DescendantTokens().Any(token => token.Span.Length > 0 && token.ToString().Contains("\n")))
            {
                return null;
            }

            var iteratorName = FreshNames.Reserve(function.Name + "Iterator", taken);
            if (!queried)
            {
                return WithIteratorLocalFunction(rewritten, statements, checks, iteratorName, function.ReturnType.WithoutTrivia().ToString(), iteratorName + "()");
            }

            // The iterator yields the list's elements; the operators move to the return at the top.
            if (semanticModel.GetDeclaredSymbol(declaration.Declaration.Variables[0], cancellationToken) is not ILocalSymbol { Type: INamedTypeSymbol { TypeArguments.Length: 1 } listType }
                || finalReturn.Expression?.DescendantNodes().OfType<IdentifierNameSyntax>().FirstOrDefault(name => name.Identifier.ValueText == listName) is not { } listRead)
            {
                return null;
            }

            var sequenceType = semanticModel.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T).Construct(listType.TypeArguments[0]);
            var returned = finalReturn.Expression.ReplaceNode(listRead, SyntaxFactory.ParseExpression(iteratorName + "()").WithTriviaFrom(listRead));
            return WithIteratorLocalFunction(
                rewritten, statements, checks, iteratorName, sequenceType.ToMinimalDisplayString(semanticModel, body.SpanStart), returned.WithoutTrivia().ToFullString());
        }

        private static bool IsArgumentCheck(StatementSyntax statement) => statement switch
        {
            IfStatementSyntax { Else: null, Statement: ThrowStatementSyntax } => true,
            IfStatementSyntax { Else: null, Statement: BlockSyntax { Statements.Count: 1 } block } => block.Statements[0] is ThrowStatementSyntax,
            ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } }
                => access.Name.Identifier.ValueText.StartsWith("ThrowIf", System.StringComparison.Ordinal),
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: BinaryExpressionSyntax { Right: ThrowExpressionSyntax } } } => true,
            _ => false,
        };

        /// <summary>
        /// <c>{ checks; return NameIterator(); IEnumerable&lt;T&gt; NameIterator() { rest } }</c> (or
        /// <c>return NameIterator().Where(...);</c>, as <paramref name="returned"/> says), written as text with the body's
        /// own indentation and line ends so that the user's formatting is kept.
        /// </summary>
        private static BlockSyntax WithIteratorLocalFunction(
            BlockSyntax body, List<StatementSyntax> statements, int checks, string iteratorName, string iteratorType, string returned)
        {
            var indentation = Indentation(body.OpenBraceToken);
            var endOfLine = body.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } eol ? eol.ToString() : "\n";
            var inner = indentation + "    ";

            var text = new StringBuilder("{").Append(endOfLine);
            for (var i = 0; i < checks; i++)
            {
                text.Append(statements[i].ToFullString());
            }

            text.Append(inner).Append("return ").Append(returned).Append(';').Append(endOfLine).Append(endOfLine);
            text.Append(inner).Append(iteratorType).Append(' ').Append(iteratorName).Append("()").Append(endOfLine);
            text.Append(inner).Append('{').Append(endOfLine);
            for (var i = checks; i < statements.Count; i++)
            {
                var statement = statements[i];
                if (i == checks)
                {
                    // Blank lines that separated the checks from the rest are not needed at the top of the new body.
                    statement = statement.WithLeadingTrivia(statement.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
                }

                text.Append(Indent(statement.ToFullString(), endOfLine));
            }

            text.Append(inner).Append('}').Append(endOfLine);
            text.Append(indentation).Append('}');
            var block = (BlockSyntax)SyntaxFactory.ParseStatement(text.ToString());
            return block.WithTriviaFrom(body);
        }

        private static string Indent(string text, string endOfLine)
        {
            var lines = text.Split(new[] { endOfLine }, System.StringSplitOptions.None);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length > 0)
                {
                    lines[i] = "    " + lines[i];
                }
            }

            return string.Join(endOfLine, lines);
        }

        private static string Indentation(SyntaxToken token)
        {
            var leading = token.LeadingTrivia;
            return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1].ToString() : string.Empty;
        }
    }
}
