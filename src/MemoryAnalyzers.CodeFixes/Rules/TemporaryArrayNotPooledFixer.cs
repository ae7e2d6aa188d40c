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
    /// MEM012 fix "Rent from ArrayPool": <c>var buffer = new byte[N];</c> becomes <c>var buffer = ArrayPool&lt;byte&gt;.Shared.Rent(N);</c>
    /// with the statements that use it in <c>try { … } finally { ArrayPool&lt;byte&gt;.Shared.Return(buffer); }</c>; when the
    /// declaration is the first statement of a loop body, the rent moves before the loop and the loop goes into the try.
    /// </summary>
    /// <remarks>
    /// A rented array is longer than asked and holds old data, so the fix is offered only for the shape that provably reads
    /// nothing it did not write and depends on no length: a local of constant size, declared in a block, used only as
    /// <c>buffer.Length</c> (which becomes the size), as the buffer of an awaited or synchronous <c>Stream.Read</c>/<c>ReadAsync</c>
    /// at offset 0 for at most the size, and as the buffer of <c>Stream.Write</c>/<c>WriteAsync</c> at offset 0 for a count that
    /// is the result of such a read (the copy loop <c>while ((n = s.Read(buffer, 0, buffer.Length)) > 0) d.Write(buffer, 0, n);</c>).
    /// Every other shape is reported without this fix. The second fix, for small buffers in a loop, is
    /// <see cref="TemporaryArrayStackalloc"/>.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TemporaryArrayNotPooledFixer))]
    [Shared]
    public sealed class TemporaryArrayNotPooledFixer : CodeFixProvider
    {
        private const string Title = "Rent from ArrayPool";
        private const string BuffersNamespace = "System.Buffers";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.TemporaryArrayNotPooled);

        public override FixAllProvider GetFixAllProvider() => new FixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            if (await context.Document.GetRootAndModelAsync(context.CancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                foreach (var kind in s_kinds)
                {
                    if (kind.Fix(root, semanticModel, diagnostic, context.CancellationToken, out var needsUsing) is { } newRoot)
                    {
                        var document = context.Document;
                        var result = needsUsing ? TypeNames.AddUsing(newRoot, kind.Namespace) : newRoot;
                        context.RegisterCodeFix(CodeAction.Create(kind.Title, _ => Task.FromResult(document.WithSyntaxRoot(result)), equivalenceKey: kind.Title), diagnostic);
                    }
                }
            }
        }

        private delegate SyntaxNode? Fix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out bool needsUsing);

        /// <summary>Each fix: its title (the equivalence key), the rewrite, and the namespace of the type it names.</summary>
        private static readonly (string Title, Fix Fix, string Namespace)[] s_kinds =
        {
            (Title, TryFix, BuffersNamespace),
            (TemporaryArrayStackalloc.Title, TemporaryArrayStackalloc.TryFix, "System"),
        };

        /// <summary>The rewritten root without the <c>using System.Buffers;</c> it may need (<paramref name="needsUsing"/>), or null.</summary>
        private static SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out bool needsUsing)
        {
            needsUsing = false;
            if (TemporaryArrays.TryCreate(semanticModel.Compilation) is not { } arrays
                || BufferDeclaration.TryMatch(root, semanticModel, diagnostic, cancellationToken) is not { } buffer)
            {
                return null;
            }

            // Every reference to the buffer must be one the rewrite understands; the Length reads are replaced by the size.
            var (creation, declaration, block, local, sizeSyntax) = (buffer.Creation, buffer.Declaration, buffer.Block, buffer.Local, buffer.SizeSyntax);
            var lengthReads = new List<SyntaxNode>();
            var statements = block.Statements;
            var first = statements.IndexOf(declaration);
            var last = first;
            foreach (var use in buffer.Uses)
            {
                if (!IsRewritableUse(use, local, buffer.Size, arrays, semanticModel, lengthReads, cancellationToken))
                {
                    return null;
                }

                last = System.Math.Max(last, buffer.StatementIndexOf(use));
            }

            // A local declared among the statements that use the buffer and read after them: the try runs to the end of the block.
            if (last == first
                || (!StatementWrapping.CanWrap(semanticModel, statements, first + 1, last, cancellationToken)
                    && !StatementWrapping.CanWrap(semanticModel, statements, first + 1, last = statements.Count - 1, cancellationToken))
                || SizeToRead(buffer, semanticModel, lengthReads.Count > 0, cancellationToken) is not { } read)
            {
                return null;
            }

            var (sizeText, capture, isLoopInvariant) = read;
            var simpleSize = capture is not null || sizeSyntax is LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax;
            var endOfLine = root.EndOfLine();
            var position = declaration.SpanStart;
            var poolType = TypeNames.NameAt(semanticModel, position, arrays.ArrayPool, BuffersNamespace, ref needsUsing);
            var pool = (poolType.StartsWith("global::", System.StringComparison.Ordinal) ? "global::System.Buffers.ArrayPool" : poolType)
                + "<" + creation.Type.ElementType + ">.Shared";
            var rent = SyntaxFactory.ParseExpression(pool + ".Rent(" + (capture ?? sizeSyntax.ToString()) + ")").WithTriviaFrom(creation);
            var release = pool + ".Return(" + local.Name + ");";

            // The declaration opens a loop body and nothing else in the member has its name: rent once, before the loop.
            if (buffer.OpenedLoop is { Parent: BlockSyntax outer } loop
                && isLoopInvariant
                && StatementWrapping.CanWrap(semanticModel, outer.Statements, outer.Statements.IndexOf(loop), outer.Statements.IndexOf(loop), cancellationToken))
            {
                var newLoop = WithLengthReplaced(loop, lengthReads, sizeText, simpleSize, remove: declaration);
                var indentation = StatementWrapping.IndentationOf(loop);
                var hoisted = SyntaxFactory.ParseStatement(indentation + declaration.ReplaceNode(creation, rent).WithoutTrivia() + endOfLine);
                return root.ReplaceNode(loop, new[] { hoisted, Wrapped(new[] { newLoop }, indentation, StatementWrapping.IndentationUnit(outer, loop), release, endOfLine) });
            }

            var wrapped = statements.Skip(first + 1).Take(last - first).Select(statement => WithLengthReplaced(statement, lengthReads, sizeText, simpleSize, remove: null));
            var tryStatement = Wrapped(wrapped, StatementWrapping.IndentationOf(declaration), StatementWrapping.IndentationUnit(block, declaration), release, endOfLine);
            var newRoot = StatementWrapping.ReplaceRange(root, statements, first + 1, last, tryStatement);
            if (newRoot.FindNode(creation.Span, getInnermostNodeForTie: true) is not ArrayCreationExpressionSyntax same)
            {
                return null;
            }

            newRoot = newRoot.ReplaceNode(same, rent.WithAdditionalAnnotations(s_rentAnnotation));
            if (capture is null)
            {
                return newRoot;
            }

            // int bufferLength = <size>; right before the declaration, with the declaration's leading trivia (its comments).
            var newDeclaration = newRoot.GetAnnotatedNodes(s_rentAnnotation).Single().FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()!;
            var captured = SyntaxFactory.ParseStatement("int " + capture + " = " + sizeSyntax + ";")
                .WithLeadingTrivia(newDeclaration.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.ParseTrailingTrivia(endOfLine));
            return newRoot.ReplaceNode(newDeclaration, new[] { captured, newDeclaration.WithLeadingTrivia(SyntaxFactory.Whitespace(StatementWrapping.IndentationOf(declaration))) });
        }

        private static readonly SyntaxAnnotation s_rentAnnotation = new SyntaxAnnotation(nameof(TemporaryArrayNotPooledFixer));

        /// <summary>
        /// What <c>buffer.Length</c> becomes: a constant as written; a local or parameter of type <c>int</c> that nothing in the
        /// member writes, as written (loop-invariant unless the loop declares it); any other <c>int</c> length, a fresh
        /// local that captures it once before the declaration (<paramref name="capture"/>), and only when Length is read.
        /// A length of another type (a <c>long</c> cannot be rented) gets no fix.
        /// </summary>
        private static (string SizeText, string? Capture, bool IsLoopInvariant)? SizeToRead(BufferDeclaration buffer, SemanticModel semanticModel, bool readsLength, CancellationToken cancellationToken)
        {
            var sizeSyntax = buffer.SizeSyntax;
            if (buffer.Size is not null)
            {
                return (sizeSyntax.ToString(), null, true);
            }

            if (semanticModel.GetTypeInfo(sizeSyntax, cancellationToken).Type?.SpecialType != SpecialType.System_Int32
                || FreshNames.EnclosingMemberBody(buffer.Declaration) is not { } memberBody)
            {
                return null;
            }

            if (sizeSyntax is IdentifierNameSyntax name
                && semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol { RefKind: RefKind.None } or IParameterSymbol { RefKind: RefKind.None }
                && semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is { } variable
                && !VariableUses.Find(semanticModel, memberBody, variable, cancellationToken).Any(VariableUses.IsWrite))
            {
                var declaredInLoop = buffer.OpenedLoop is { } loop
                    && variable.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == loop.SyntaxTree && loop.Span.Contains(reference.Span));
                return (name.ToString(), null, !declaredInLoop);
            }

            if (!readsLength)
            {
                return (sizeSyntax.ToString(), null, false);
            }

            var capture = FreshNames.Reserve(buffer.Local.Name + "Length", FreshNames.TakenNames(semanticModel, memberBody, buffer.Declaration.SpanStart));
            return (capture, capture, false);
        }

        /// <summary>
        /// <c>buffer.Length</c>; the buffer of <c>Read</c>/<c>ReadAsync</c> at offset 0 for at most the size; the buffer of
        /// <c>Write</c>/<c>WriteAsync</c> at offset 0 for a count read into it. An asynchronous call must be awaited where it
        /// is made, so that the array is not returned to the pool while the stream still uses it.
        /// </summary>
        private static bool IsRewritableUse(ILocalReferenceOperation use, ILocalSymbol local, int? size, TemporaryArrays arrays, SemanticModel semanticModel, List<SyntaxNode> lengthReads, CancellationToken cancellationToken)
        {
            if (use.Parent is IPropertyReferenceOperation { Property.Name: "Length" } length && ReferenceEquals(length.Instance, use))
            {
                lengthReads.Add(length.Syntax);
                return true;
            }

            if (use.Parent is not IArgumentOperation { Parent: IInvocationOperation call } argument
                || argument.Parameter?.Ordinal != 0
                || call.Arguments.Length < 3
                || call.ArgumentFor(1)?.ConstantValue is not { HasValue: true, Value: 0 }
                || call.ArgumentFor(2) is not { } count
                || !IsCompletedWhereCalled(call))
            {
                return false;
            }

            if (arrays.IsStreamArrayCall(call, "Read") || arrays.IsStreamArrayCall(call, "ReadAsync"))
            {
                return count.ConstantValue is { HasValue: true, Value: int constant } ? constant >= 0 && constant <= size : IsLengthOf(count, local);
            }

            return (arrays.IsStreamArrayCall(call, "Write") || arrays.IsStreamArrayCall(call, "WriteAsync") || IsRangeCall(call, arrays))
                && count is ILocalReferenceOperation counted
                && IsReadCountBefore(counted.Local, call, local, arrays, semanticModel, cancellationToken);
        }

        /// <summary>
        /// A borrowing framework method that takes the array with the range it touches: <c>(T[] buffer, int offset, int count)</c>
        /// as its first parameters, such as <c>Encoding.GetString(bytes, index, count)</c>, <c>HashAlgorithm.ComputeHash</c>,
        /// <c>TextWriter.Write(char[], int, int)</c> or <c>Convert.ToBase64String(bytes, offset, length)</c>. The parameter
        /// names tell a range from look-alikes such as <c>Array.IndexOf(array, value, startIndex)</c>, whose second
        /// <c>int</c> is a value to look for and which reads past the count.
        /// </summary>
        private static bool IsRangeCall(IInvocationOperation call, TemporaryArrays arrays)
            => call.TargetMethod.Parameters is { Length: >= 3 } parameters
                && parameters[0].Type is IArrayTypeSymbol
                && parameters[1] is { Type.SpecialType: SpecialType.System_Int32, Name: "offset" or "index" or "byteIndex" or "charIndex" or "startIndex" or "inputOffset" }
                && parameters[2] is { Type.SpecialType: SpecialType.System_Int32, Name: "count" or "byteCount" or "charCount" or "length" or "inputCount" }
                && arrays.Borrows(call);

        private static bool IsLengthOf(IOperation operation, ILocalSymbol local)
            => operation is IPropertyReferenceOperation { Property.Name: "Length", Instance: ILocalReferenceOperation reference }
                && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        /// <summary>A synchronous call, or an asynchronous one awaited at once (<c>await s.ReadAsync(…)</c>, optionally <c>.ConfigureAwait(…)</c>).</summary>
        private static bool IsCompletedWhereCalled(IInvocationOperation call)
        {
            if (!call.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal))
            {
                return true;
            }

            var awaited = call.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && ReferenceEquals(configured.Instance, call)
                ? configured
                : (IOperation)call;
            return awaited.Parent is IAwaitOperation;
        }

        /// <summary>
        /// True when <paramref name="count"/> gets its one value from a read into the buffer that always runs before the write
        /// in the same pass: a declaration or assignment statement earlier in the write's block, or the condition of the
        /// <c>while</c> loop whose body holds the write.
        /// </summary>
        private static bool IsReadCountBefore(ILocalSymbol count, IInvocationOperation write, ILocalSymbol buffer, TemporaryArrays arrays, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (count.DeclaringSyntaxReferences.Length != 1
                || count.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator)
            {
                return false;
            }

            // The one place the count is given a value: the declarator's initializer, or a single assignment.
            SyntaxNode? site = declarator.Initializer is { } initializer ? initializer.Value : null;
            var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode)declarator.SyntaxTree.GetRoot(cancellationToken);
            foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != count.Name
                    || semanticModel.GetOperation(name, cancellationToken) is not ILocalReferenceOperation use
                    || !SymbolEqualityComparer.Default.Equals(use.Local, count))
                {
                    continue;
                }

                var isWrite = use.Parent switch
                {
                    ISimpleAssignmentOperation assignment => ReferenceEquals(assignment.Target, use),
                    ICompoundAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation => true,
                    IArgumentOperation { Parameter.RefKind: not RefKind.None } => true,
                    IAddressOfOperation => true,
                    _ => false,
                };
                if (!isWrite)
                {
                    continue;
                }

                if (site is not null || use.Parent is not ISimpleAssignmentOperation simple)
                {
                    return false;
                }

                site = simple.Syntax;
            }

            if (site is null || semanticModel.GetOperation(site, cancellationToken) is not { } value)
            {
                return false;
            }

            var read = (value is ISimpleAssignmentOperation assigned ? assigned.Value : value).WithoutImplicitConversions();
            read = read is IAwaitOperation awaited ? awaited.Operation : read;
            read = read is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : read;
            if (read is not IInvocationOperation readCall
                || !(arrays.IsStreamArrayCall(readCall, "Read") || arrays.IsStreamArrayCall(readCall, "ReadAsync"))
                || readCall.ArgumentFor(0) is not ILocalReferenceOperation into
                || !SymbolEqualityComparer.Default.Equals(into.Local, buffer))
            {
                return false;
            }

            var writeStatement = write.Syntax.FirstAncestorOrSelf<StatementSyntax>()!;
            if (site.FirstAncestorOrSelf<WhileStatementSyntax>() is { } loop && loop.Condition.Span.Contains(site.Span))
            {
                return loop.Statement.Span.Contains(write.Syntax.Span);
            }

            var siteStatement = site.FirstAncestorOrSelf<StatementSyntax>();
            return siteStatement is { Parent: BlockSyntax siteBlock } && siteStatement is LocalDeclarationStatementSyntax or ExpressionStatementSyntax
                && writeStatement.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent == siteBlock) is { } later
                && siteBlock.Statements.IndexOf(later) > siteBlock.Statements.IndexOf(siteStatement);
        }

        /// <summary>The statement with every <c>buffer.Length</c> in it replaced by the size, and <paramref name="remove"/> taken out.</summary>
        /// <remarks>A size that is an operation gets parentheses unless it stands alone (an argument, an initializer).</remarks>
        private static StatementSyntax WithLengthReplaced(StatementSyntax statement, List<SyntaxNode> lengthReads, string sizeText, bool simpleSize, StatementSyntax? remove)
        {
            var inside = lengthReads.Where(read => statement.Span.Contains(read.Span)).ToList();
            var tracked = statement.TrackNodes(remove is null ? inside : inside.Append(remove));
            foreach (var read in inside)
            {
                var standsAlone = simpleSize || read.Parent is ArgumentSyntax or EqualsValueClauseSyntax or ParenthesizedExpressionSyntax;
                var size = SyntaxFactory.ParseExpression(standsAlone ? sizeText : "(" + sizeText + ")");
                tracked = tracked.ReplaceNode(tracked.GetCurrentNode(read)!, size.WithTriviaFrom(read));
            }

            return remove is null ? tracked : tracked.RemoveNode(tracked.GetCurrentNode(remove)!, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        private static StatementSyntax Wrapped(IEnumerable<StatementSyntax> statements, string indentation, string unit, string release, string endOfLine)
        {
            var text = new StringBuilder();
            text.Append(indentation).Append("try").Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine);
            StatementWrapping.AppendIndented(text, statements, unit);
            text.Append(indentation).Append('}').Append(endOfLine)
                .Append(indentation).Append("finally").Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine)
                .Append(indentation).Append(unit).Append(release).Append(endOfLine)
                .Append(indentation).Append('}').Append(endOfLine);
            return SyntaxFactory.ParseStatement(text.ToString());
        }

        /// <summary>
        /// Applies the fixes of one kind in a document one after another, last first, and adds the using they need once at
        /// the end: a using added at the top by each fix would move the spans of the diagnostics still to be fixed.
        /// </summary>
        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            protected override string GetFixAllTitle(FixAllContext fixAllContext) => fixAllContext.CodeActionEquivalenceKey ?? Title;

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                var kind = s_kinds.FirstOrDefault(candidate => candidate.Title == fixAllContext.CodeActionEquivalenceKey);
                if (kind.Fix is null)
                {
                    return document;
                }

                var anyNeedsUsing = false;
                foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
                {
                    if (await document.GetRootAndModelAsync(cancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
                    {
                        return document;
                    }

                    if (kind.Fix(root, semanticModel, diagnostic, cancellationToken, out var needsUsing) is { } newRoot)
                    {
                        anyNeedsUsing |= needsUsing;
                        document = document.WithSyntaxRoot(newRoot);
                    }
                }

                return anyNeedsUsing && await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } final
                    ? document.WithSyntaxRoot(TypeNames.AddUsing(final, kind.Namespace))
                    : document;
            }
        }
    }
}
