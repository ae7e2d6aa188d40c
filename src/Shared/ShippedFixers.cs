using System.Collections.Immutable;
using MemoryAnalyzers.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MemoryAnalyzers.Shared
{
    /// <summary>
    /// Every code fix the package ships, found like <see cref="ShippedAnalyzers"/> (linked source, for the projects that
    /// reference MemoryAnalyzers.CodeFixes).
    /// </summary>
    internal static class ShippedFixers
    {
        public static ImmutableArray<CodeFixProvider> All { get; } = ShippedAnalyzers.InstancesOf<CodeFixProvider>(typeof(StringConcatenationInLoopFixer).Assembly);
    }
}
