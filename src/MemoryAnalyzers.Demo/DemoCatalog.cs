using System.Collections.Generic;

namespace MemoryAnalyzers.Demo
{
    /// <summary>Every demonstration, in the order the default run shows them.</summary>
    internal static class DemoCatalog
    {
        public static IReadOnlyList<IDemonstration> All { get; } = new IDemonstration[]
        {
            new RuleDemonstration(
                "MEM001",
                RuleIds.StringConcatenationInLoop,
                "String concatenation in a loop",
                "StringConcatenation.cs",
                CostKind.Allocation,
                new[] { 1_000, 4_000, 10_000 }),
        };
    }
}
