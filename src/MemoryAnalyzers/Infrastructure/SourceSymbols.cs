using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>Where a symbol comes from: the project's own source, or System.IO.</summary>
    internal static class SourceSymbols
    {
        public static bool IsFileSystem(INamedTypeSymbol? type)
            => type?.ContainingNamespace is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>A method (or field, property) of the project: its body is code the rules cannot see the effects of.</summary>
        public static bool IsDeclaredInSource(ISymbol symbol)
        {
            foreach (var location in symbol.OriginalDefinition.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
