using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM012's second fix, "Allocate on the stack with stackalloc", for a small buffer allocated on every iteration of a
    /// loop: <c>Span&lt;T&gt; buffer = stackalloc T[N];</c> once before the loop, and <c>buffer.Clear();</c> where the
    /// declaration was, so that every iteration still starts from zeroes.
    /// </summary>
    /// <remarks>
    /// Offered when the size is a constant of at most <see cref="MaximumBytes"/> bytes of an unmanaged element type, the
    /// declaration opens the body of a loop that no other loop encloses (a <c>stackalloc</c> in a loop grows the stack on
    /// every iteration), the method is neither async nor an iterator, and every use works on a span as it did on the array:
    /// an element read or write at an <c>int</c> index, <c>Length</c>, or the collection of a <c>foreach</c>.
    /// </remarks>
    internal static class TemporaryArrayStackalloc
    {
        public const string Title = "Allocate on the stack with stackalloc";

        /// <summary>The largest buffer put on the stack: 1 KiB.</summary>
        public const int MaximumBytes = 1024;

        /// <summary>The rewritten root, without the <c>using System;</c> it may need (<paramref name="needsUsing"/>); null when not offered.</summary>
        public static SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out bool needsUsing)
        {
            needsUsing = false;
            if (!DiagnosticProperties.IsSet(diagnostic, TemporaryArrayNotPooledAnalyzer.InLoopProperty)
                || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp7_2
                || semanticModel.Compilation.FindType("System.Span`1") is not { } span
                || BufferDeclaration.TryMatch(root, semanticModel, diagnostic, cancellationToken) is not { OpenedLoop: { } loop } buffer
                || buffer.Uses.Count == 0
                || semanticModel.GetTypeInfo(buffer.Creation, cancellationToken).Type is not IArrayTypeSymbol { ElementType: { IsUnmanagedType: true } elementType }
                || buffer.Size is not { } size
                || !(TemporaryArrays.ElementSize(elementType) * size <= MaximumBytes)
                || loop.Ancestors().Any(ancestor => ancestor is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or CommonForEachStatementSyntax)
                || !IsSynchronous(loop, semanticModel, cancellationToken)
                || !buffer.Uses.All(WorksOnASpan))
            {
                return null;
            }

            var spanName = TypeNames.NameAt(semanticModel, loop.SpanStart, span, "System", ref needsUsing);
            spanName = spanName.StartsWith("global::", System.StringComparison.Ordinal) ? "global::System.Span" : spanName;
            var elementText = buffer.Creation.Type.ElementType.ToString();
            var name = buffer.Local.Name;
            var indentation = StatementWrapping.IndentationOf(loop);
            var declaration = SyntaxFactory.ParseStatement(
                $"{indentation}{spanName}<{elementText}> {name} = stackalloc {elementText}[{buffer.SizeSyntax}];{root.EndOfLine()}");
            var clear = SyntaxFactory.ParseStatement(name + ".Clear();").WithTriviaFrom(buffer.Declaration);
            var newLoop = loop.ReplaceNode(buffer.Declaration, clear);
            return root.ReplaceNode(loop, new[] { declaration, newLoop });
        }

        /// <summary>The loop is not in an async method, lambda or local function, nor in an iterator (a span cannot live there).</summary>
        private static bool IsSynchronous(StatementSyntax loop, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (semanticModel.GetEnclosingSymbol(loop.SpanStart, cancellationToken) is not IMethodSymbol { IsAsync: false })
            {
                return false;
            }

            var function = loop.Ancestors().FirstOrDefault(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
            return function is not null
                && !function.DescendantNodes(node => node == function || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any();
        }

        /// <summary>An element access at an <c>int</c> index, <c>Length</c>, or the collection of a <c>foreach</c>: the same on a span.</summary>
        private static bool WorksOnASpan(ILocalReferenceOperation use) => use.Parent switch
        {
            IArrayElementReferenceOperation { Indices: { Length: 1 } indices } element
                => ReferenceEquals(element.ArrayReference, use) && indices[0].Type?.SpecialType == SpecialType.System_Int32,
            IPropertyReferenceOperation { Property.Name: "Length" } length => ReferenceEquals(length.Instance, use),
            IForEachLoopOperation loop => ReferenceEquals(loop.Collection, use),
            IConversionOperation { IsImplicit: true, Parent: IForEachLoopOperation loop } conversion => ReferenceEquals(loop.Collection, conversion),
            _ => false,
        };
    }
}
