using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// How inserted code names a framework type, decided once per fix from what is in scope where the code goes: the
    /// simple name when it already means that type, the simple name plus a new <c>using</c> when nothing of that name is
    /// in scope, and the <c>global::</c> name otherwise. For fixers that write their code as text in a synchronous
    /// Fix All, where the simplifier and <c>ImportAdder</c> (both asynchronous, on documents) are not at hand.
    /// </summary>
    internal static class TypeNames
    {
        /// <summary>
        /// The name to write for <paramref name="type"/> at <paramref name="position"/>; <paramref name="needsUsing"/> is
        /// set when the name relies on a <c>using</c> of <paramref name="importedNamespace"/> (the one namespace the fix
        /// may add) that the file does not have yet. A type of another namespace that is not in scope gets its
        /// <c>global::</c> name.
        /// </summary>
        public static string NameAt(SemanticModel semanticModel, int position, INamedTypeSymbol type, string importedNamespace, ref bool needsUsing)
        {
            var found = semanticModel.LookupNamespacesAndTypes(position, name: type.Name);
            if (found.Length == 1 && SymbolEqualityComparer.Default.Equals(found[0], type))
            {
                return type.Name;
            }

            if (found.IsEmpty && type.ContainingNamespace.ToDisplayString() == importedNamespace)
            {
                needsUsing = true;
                return type.Name;
            }

            return "global::" + type.ToDisplayString();
        }

        /// <summary>
        /// Adds <c>using <paramref name="namespaceName"/>;</c> to the file's own usings (in order among them), or at the top
        /// of the file when it has none; nothing when the file already has it.
        /// </summary>
        public static SyntaxNode AddUsing(SyntaxNode root, string namespaceName)
        {
            if (root is not CompilationUnitSyntax unit
                || unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName))
            {
                return root;
            }

            var endOfLine = root.EndOfLine();
            var directive = SyntaxFactory.ParseCompilationUnit($"using {namespaceName};{endOfLine}").Usings[0];
            var usings = unit.Usings;
            var index = -1;
            var afterLastPlain = 0;
            for (var i = 0; i < usings.Count && index < 0; i++)
            {
                if (usings[i].Alias is null && usings[i].StaticKeyword.IsKind(SyntaxKind.None) && usings[i].GlobalKeyword.IsKind(SyntaxKind.None))
                {
                    afterLastPlain = i + 1;
                    if (string.CompareOrdinal(usings[i].Name?.ToString(), namespaceName) > 0)
                    {
                        index = i;
                    }
                }
            }

            index = index < 0 ? afterLastPlain : index;
            if (usings.Count == 0)
            {
                // The first using of the file: before everything, with a blank line after it when code follows directly.
                var first = unit.GetLeadingTrivia();
                directive = directive.WithLeadingTrivia(first);
                var rest = unit.ReplaceToken(unit.GetFirstToken(), unit.GetFirstToken().WithLeadingTrivia(SyntaxFactory.EndOfLine(endOfLine)));
                return rest.WithUsings(rest.Usings.Add(directive));
            }

            if (index == 0)
            {
                directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }
    }
}
