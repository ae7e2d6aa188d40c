using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MemoryAnalyzers.Shared;
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

        /// <summary>The tag that says what the pattern costs; a rule reported at compilation end carries the CompilationEnd tag too.</summary>
        private static string Kind(DiagnosticDescriptor descriptor) => descriptor.CustomTags.Single(tag => tag is "Performance" or "Reliability");

        private static string Read(params string[] parts) => File.ReadAllText(Path.Combine(new[] { AnalyzerCatalog.RepositoryRoot }.Concat(parts).ToArray()));

        /// <summary>The one repository address, as Directory.Build.props sets it for the build.</summary>
        private static string RepositoryUrl()
            => XDocument.Parse(Read("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

        /// <summary>The values of a docs page's header table ("| Category | Memory |").</summary>
        private static string PageHeader(string id, string name)
        {
            var row = Regex.Match(Read("docs", "rules", id + ".md"), $@"(?m)^\|\s*{name}\s*\|(?<value>[^|]*)\|\s*$");
            Assert.True(row.Success, $"docs/rules/{id}.md has no '{name}' row");
            return row.Groups["value"].Value.Trim();
        }

        /// <summary>Yes (on every report), Sometimes (where the rewrite keeps behaviour) or No: the first word of the page's "Code fix" row.</summary>
        private static string CodeFixAvailability(string id) => Regex.Match(PageHeader(id, "Code fix"), "^[A-Za-z]+").Value;

        [Fact]
        public void Rule_ids_are_unique_per_descriptor_and_follow_the_pattern()
        {
            var descriptors = AnalyzerCatalog.Descriptors.GroupBy(d => d.Id).Select(g => g.First()).ToList();
            Assert.NotEmpty(descriptors);
            Assert.All(descriptors, d => Assert.Matches("^MEM[0-9]{3}$", d.Id));

            // The one registry (RuleIds) and the shipped descriptors name the same rules, each ID once.
            var registry = typeof(MemoryAnalyzers.RuleIds).GetFields().Select(field => (string)field.GetRawConstantValue()!).ToList();
            Assert.Equal(registry.Count, registry.Distinct().Count());
            Assert.Equal(registry.OrderBy(id => id), descriptors.Select(d => d.Id).OrderBy(id => id));
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_is_complete_and_links_to_its_docs_page(string id)
        {
            var descriptor = Descriptor(id);
            Assert.Equal(RepositoryUrl() + "/blob/main/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.Equal("Memory", descriptor.Category);
            Assert.Single(descriptor.CustomTags, tag => tag is "Performance" or "Reliability");
        }

        /// <summary>Each page ends with a "Sources:" line whose links reach the rule's analyzer, and its tests, in this repository.</summary>
        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Docs_page_ends_with_links_to_its_sources(string id)
        {
            var lastLine = Read("docs", "rules", id + ".md").TrimEnd().Split('\n').Last();
            Assert.StartsWith("Sources: ", lastLine);
            var targets = Regex.Matches(lastLine, @"\]\((?<target>[^)]+)\)").Select(match => match.Groups["target"].Value).ToList();
            Assert.All(targets, target => Assert.True(
                File.Exists(Path.Combine(AnalyzerCatalog.RepositoryRoot, "docs", "rules", target)), $"docs/rules/{id}.md links to a missing {target}"));
            var analyzer = AnalyzerCatalog.All.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType().Name;
            Assert.Contains($"../../src/MemoryAnalyzers/Rules/{analyzer}.cs", targets);
            Assert.Contains(targets, target => target.StartsWith("../../tests/", System.StringComparison.Ordinal));
        }

        /// <summary>
        /// A message is one sentence that the Error List can show whole: what was found and what it costs, and at most a
        /// short remedy; the description holds the rest. Measured with every argument eight characters long.
        /// </summary>
        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Message_is_one_short_sentence(string id)
        {
            var message = Regex.Replace(Descriptor(id).MessageFormat.ToString(), "\\{[0-9]+\\}", "argument");
            Assert.True(message.Length <= 130, $"{id}'s message has {message.Length} characters: {message}");
            Assert.DoesNotContain(". ", message);
            Assert.False(message.EndsWith(".", System.StringComparison.Ordinal), $"{id}'s message ends with a period");
            Assert.True(char.IsUpper(message[0]) || message[0] == '\'', $"{id}'s message starts with a capital or a quoted name");
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
            Assert.Equal(Descriptor(id).Category, PageHeader(id, "Category"));
            Assert.Equal(Kind(Descriptor(id)), PageHeader(id, "Tag"));
            Assert.Equal(Descriptor(id).DefaultSeverity.ToString(), PageHeader(id, "Default severity"));
            Assert.DoesNotContain("SuppressMessage(\"Performance\"", page);
            Assert.DoesNotContain("SuppressMessage(\"Reliability\"", page);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Code_fix_availability_is_one_of_three_words_and_No_exactly_when_no_fixer_exists(string id)
        {
            var availability = CodeFixAvailability(id);
            Assert.Contains(availability, new[] { "Yes", "Sometimes", "No" });
            var hasFixer = ShippedFixers.All.Any(fixer => fixer.FixableDiagnosticIds.Contains(id));
            Assert.Equal(availability != "No", hasFixer);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
        {
            // The latest entry wins: a "New Rules" row (ID | Category | Severity) or a "Changed Rules" row
            // (ID | New Category | New Severity | Old ...), in a shipped release or in the unshipped one after them.
            var releases = Read("src", "MemoryAnalyzers", "AnalyzerReleases.Shipped.md") + "\n" + Read("src", "MemoryAnalyzers", "AnalyzerReleases.Unshipped.md");
            var latest = Regex.Matches(releases, $@"(?m)^{id}\s*\|(?<rest>.*)$").LastOrDefault();
            Assert.True(latest is not null, $"release tracking has no entry for {id}");
            var cells = latest!.Groups["rest"].Value.Split('|').Select(cell => cell.Trim()).ToArray();
            var descriptor = Descriptor(id);
            Assert.Equal(descriptor.Category, cells[0]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[1]);
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
            Assert.Equal(Kind(descriptor), cells[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
            Assert.Equal(CodeFixAvailability(id), cells[3]);
        }
    }
}
