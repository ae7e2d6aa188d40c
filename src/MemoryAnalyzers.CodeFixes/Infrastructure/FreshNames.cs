using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>Picks identifiers for new locals that clash with nothing the new local could see or hide.</summary>
    internal static class FreshNames
    {
        /// <summary>
        /// Every name that a new local at <paramref name="position"/> must avoid: names in scope there (fields,
        /// types, locals) and every name declared anywhere in the enclosing member, since C# forbids a local that
        /// shares its name with a local of an enclosing or nested scope.
        /// </summary>
        public static HashSet<string> TakenNames(SemanticModel semanticModel, SyntaxNode memberBody, int position)
        {
            var taken = new HashSet<string>();
            foreach (var symbol in semanticModel.LookupSymbols(position))
            {
                taken.Add(symbol.Name);
            }

            foreach (var node in memberBody.DescendantNodesAndSelf())
            {
                var identifier = DeclaredIdentifier(node);
                if (identifier.HasValue)
                {
                    taken.Add(identifier.Value.ValueText);
                }
            }

            return taken;
        }

        /// <summary>Returns <paramref name="baseName"/>, or it followed by the smallest number that is free, and reserves it.</summary>
        public static string Reserve(string baseName, HashSet<string> taken)
        {
            var candidate = baseName;
            for (var suffix = 1; !IsUsable(candidate) || taken.Contains(candidate); suffix++)
            {
                candidate = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(candidate);
            return candidate;
        }

        /// <summary>The syntax node that holds the statements of the member around <paramref name="node"/> (or the file, for top-level statements).</summary>
        public static SyntaxNode? EnclosingMemberBody(SyntaxNode node)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case PropertyDeclarationSyntax:
                    case IndexerDeclarationSyntax:
                    case GlobalStatementSyntax { Parent: CompilationUnitSyntax }:
                        return ancestor is GlobalStatementSyntax ? ancestor.Parent : ancestor;
                }
            }

            return null;
        }

        private static bool IsUsable(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

        private static SyntaxToken? DeclaredIdentifier(SyntaxNode node) => node switch
        {
            VariableDeclaratorSyntax declarator => declarator.Identifier,
            ParameterSyntax parameter => parameter.Identifier,
            SingleVariableDesignationSyntax designation => designation.Identifier,
            ForEachStatementSyntax forEach => forEach.Identifier,
            LocalFunctionStatementSyntax localFunction => localFunction.Identifier,
            CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
            QueryContinuationSyntax continuation => continuation.Identifier,
            FromClauseSyntax from => from.Identifier,
            LetClauseSyntax let => let.Identifier,
            JoinClauseSyntax join => join.Identifier,
            JoinIntoClauseSyntax into => into.Identifier,
            LabeledStatementSyntax label => label.Identifier,
            _ => null,
        };
    }
}
