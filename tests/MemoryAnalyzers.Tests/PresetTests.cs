using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests
{
    /// <summary>
    /// The MemoryAnalyzersMode presets (nuget/buildTransitive/config): each is a global analyzer config file that names
    /// every rule with the preset's severity, so a new rule missing from a preset fails here. The package tests check
    /// that a build applies them.
    /// </summary>
    public sealed class PresetTests
    {
        [Theory]
        [InlineData("recommended", "warning")]
        [InlineData("strict", "error")]
        [InlineData("none", "none")]
        public void Preset_is_global_and_sets_every_rule_to_its_severity(string mode, string severity)
        {
            var path = Path.Combine(AnalyzerCatalog.RepositoryRoot, "nuget", "buildTransitive", "config", $"memoryanalyzers_{mode}.globalconfig");
            var text = File.ReadAllText(path);

            Assert.Matches(@"(?m)^is_global\s*=\s*true\s*$", text);
            var settings = Regex.Matches(text, @"(?m)^dotnet_diagnostic\.(?<id>[^.]+)\.severity\s*=\s*(?<severity>\S+)\s*$")
                .Select(match => (Id: match.Groups["id"].Value, Severity: match.Groups["severity"].Value))
                .ToList();
            Assert.Equal(
                AnalyzerCatalog.Descriptors.Select(descriptor => descriptor.Id).Distinct().OrderBy(id => id),
                settings.Select(setting => setting.Id).OrderBy(id => id));
            Assert.All(settings, setting => Assert.Equal(severity, setting.Severity));
            foreach (var descriptor in AnalyzerCatalog.Descriptors)
            {
                Assert.Contains($"# {descriptor.Id}: {descriptor.Title}", text);
            }
        }
    }
}
