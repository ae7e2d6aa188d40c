using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Builds descriptors the same way for every rule: one category (<see cref="RuleCategories.Memory"/>), the kind of
    /// cost as a custom tag, and a help link to the rule's docs page. Severity by intent: Warning = no known false
    /// positives; Info = a useful suggestion that can be wrong sometimes.
    /// </summary>
    internal static class RuleDescriptors
    {
        /// <summary>Every help link is built from this one value: the folder of the rule pages, from the build's RepositoryUrl.</summary>
        public const string DocsBaseUri = RepositoryInfo.BrowseUrl + "docs/rules/";

        public static string HelpLink(string ruleId) => DocsBaseUri + ruleId + ".md";

        /// <param name="kind">
        /// What the pattern costs, <see cref="RuleTags.Performance"/> or <see cref="RuleTags.Reliability"/>:
        /// a custom tag of the descriptor. Its category is always <see cref="RuleCategories.Memory"/>, so that
        /// <c>dotnet_analyzer_diagnostic.category-Memory.severity</c> configures every rule and no other analyzer's.
        /// </param>
        /// <param name="reportedAtCompilationEnd">
        /// True for a rule that reports from a compilation-end action: the descriptor then carries
        /// <see cref="WellKnownDiagnosticTags.CompilationEnd"/>, so the IDE knows it appears only with full-solution analysis.
        /// </param>
        public static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string kind,
            DiagnosticSeverity defaultSeverity,
            string description,
            bool isEnabledByDefault = true,
            bool reportedAtCompilationEnd = false)
            => new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                RuleCategories.Memory,
                defaultSeverity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLink(id),
                customTags: reportedAtCompilationEnd ? new[] { kind, WellKnownDiagnosticTags.CompilationEnd } : new[] { kind });
    }
}
