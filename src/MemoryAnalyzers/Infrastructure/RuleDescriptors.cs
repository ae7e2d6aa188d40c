using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Builds descriptors the same way for every rule so that each one has a help link to its
    /// docs page. Severity by intent: Warning = no known false positives; Info = a useful
    /// suggestion that can be wrong sometimes.
    /// </summary>
    internal static class RuleDescriptors
    {
        /// <summary>Every help link is built from this one constant: the folder of the rule pages.</summary>
        public const string DocsBaseUri = "https://github.com/memoryanalyzers/memoryanalyzers/blob/main/docs/rules/";

        public static string HelpLink(string ruleId) => DocsBaseUri + ruleId + ".md";

        public static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity defaultSeverity,
            string description,
            bool isEnabledByDefault = true)
            => new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                defaultSeverity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLink(id));
    }
}
