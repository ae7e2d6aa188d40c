using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MemoryAnalyzers.Tests
{
    /// <summary>Every shipped rule is documented, tracked and listed, and its descriptor says what it costs.</summary>
    public sealed class DocumentationTests
    {
        public static IEnumerable<object[]> RuleIds => AnalyzerCatalog.Descriptors.Select(d => d.Id).Distinct().OrderBy(id => id).Select(id => new object[] { id });

        private static DiagnosticDescriptor Descriptor(string id) => AnalyzerCatalog.Descriptors.First(d => d.Id == id);

        private static string Read(params string[] parts) => File.ReadAllText(Path.Combine(new[] { AnalyzerCatalog.RepositoryRoot }.Concat(parts).ToArray()));

        [Fact]
        public void Rule_ids_are_unique_per_descriptor_and_follow_the_pattern()
        {
            var descriptors = AnalyzerCatalog.Descriptors.GroupBy(d => d.Id).Select(g => g.First()).ToList();
            Assert.NotEmpty(descriptors);
            Assert.All(descriptors, d => Assert.Matches("^MEM[0-9]{3}$", d.Id));
            Assert.Equal(descriptors.Count, AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Count());
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_is_complete_and_links_to_its_docs_page(string id)
        {
            var descriptor = Descriptor(id);
            Assert.Equal(RuleDescriptors.DocsBaseUri + id + ".md", descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.Contains(descriptor.Category, new[] { RuleCategories.Performance, RuleCategories.Reliability });
            Assert.Contains(descriptor.MessageFormat.ToString(), text => text == ';' || text == ':');
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Docs_page_has_the_required_sections(string id)
        {
            var page = Read("docs", "rules", id + ".md");
            Assert.StartsWith($"# {id}: {Descriptor(id).Title}", page);
            foreach (var section in new[] { "## Why it costs memory", "## Non-compliant code", "## Compliant code", "## Configuration", "## When to suppress" })
            {
                Assert.Contains(section, page);
            }

            Assert.Contains($"dotnet_diagnostic.{id}.severity", page);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
        {
            var releases = Read("src", "MemoryAnalyzers", "AnalyzerReleases.Shipped.md") + Read("src", "MemoryAnalyzers", "AnalyzerReleases.Unshipped.md");
            var descriptor = Descriptor(id);
            Assert.Matches($@"(?m)^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{descriptor.DefaultSeverity}\s*\|", releases);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Readme_rules_table_matches_the_descriptor(string id)
        {
            var descriptor = Descriptor(id);
            var row = Regex.Match(Read("README.md"), $@"(?m)^\|\s*\[{id}\]\(docs/rules/{id}\.md\)\s*\|(?<rest>.*)$");
            Assert.True(row.Success, $"README.md has no rules-table row for {id}");
            var cells = row.Groups["rest"].Value.Split('|').Select(cell => cell.Trim()).ToArray();
            Assert.Equal(descriptor.Title.ToString(), cells[0]);
            Assert.Equal(descriptor.Category, cells[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
        }
    }
}
