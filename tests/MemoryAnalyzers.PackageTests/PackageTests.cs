using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace MemoryAnalyzers.PackageTests
{
    /// <summary>The package as a user installs it, from a local folder, into a project of their own.</summary>
    public sealed class PackageTests : IClassFixture<PackedPackage>
    {
        private readonly PackedPackage _package;

        public PackageTests(PackedPackage package) => _package = package;

        [Fact]
        public void Package_holds_both_assemblies_under_analyzers_and_nothing_under_lib()
        {
            using var archive = ZipFile.OpenRead(_package.PackagePath);
            var entries = archive.Entries.Select(entry => entry.FullName).ToList();

            Assert.Equal(
                new[] { "analyzers/dotnet/cs/MemoryAnalyzers.CodeFixes.dll", "analyzers/dotnet/cs/MemoryAnalyzers.dll" },
                entries.Where(name => name.StartsWith("analyzers/")).OrderBy(name => name));
            Assert.DoesNotContain(entries, name => name.StartsWith("lib/") || name.StartsWith("ref/") || name.StartsWith("build/"));
            Assert.Contains("README.md", entries);
            Assert.Equal(
                new[]
                {
                    "buildTransitive/MemoryAnalyzers.targets",
                    "buildTransitive/config/memoryanalyzers_none.globalconfig",
                    "buildTransitive/config/memoryanalyzers_recommended.globalconfig",
                    "buildTransitive/config/memoryanalyzers_strict.globalconfig",
                },
                entries.Where(name => name.StartsWith("buildTransitive/")).OrderBy(name => name, System.StringComparer.Ordinal));

            var nuspecEntry = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec"));
            using var stream = nuspecEntry.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value;
            Assert.Equal("MemoryAnalyzers", Value("id"));
            Assert.Equal("true", Value("developmentDependency"));
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
            Assert.Equal(RepositoryUrl(), Value("projectUrl"));
            Assert.Equal(RepositoryUrl(), metadata.Elements().Single(element => element.Name.LocalName == "repository").Attribute("url")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(Value("description")));
            Assert.False(string.IsNullOrWhiteSpace(Value("tags")));
            Assert.DoesNotContain(metadata.Elements(), element => element.Name.LocalName == "dependencies" && element.HasElements);
        }

        /// <summary>The one repository address, from Directory.Build.props.</summary>
        private static string RepositoryUrl()
            => XDocument.Load(Path.Combine(DotNetCli.RepositoryRoot(), "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

        [Fact]
        public void Packed_readme_has_only_absolute_links_into_the_repository_and_no_picture()
        {
            using var archive = ZipFile.OpenRead(_package.PackagePath);
            using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
            var readme = reader.ReadToEnd();

            var targets = Regex.Matches(readme, @"\]\((?<target>[^)\s]*)\)").Select(match => match.Groups["target"].Value).ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets, target => Assert.Matches("^https://", target));
            Assert.Contains(RepositoryUrl() + "/blob/main/docs/rules/MEM001.md", targets);
            Assert.DoesNotContain("![", readme);
            Assert.DoesNotMatch(@"(?m)^\s*\[[^\]]+\]:\s*(?!https://)", readme);
        }

        [Fact]
        public void Build_reports_MEM001_at_the_right_place_and_in_the_SARIF_log()
        {
            var project = new ConsumerProject(_package, "sarif");
            var sarifPath = Path.Combine(project.Directory, "build.sarif");

            var build = project.Build("-p:ErrorLog=" + sarifPath + "%2Cversion=2.1");

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains($"Program.cs({ConsumerProject.ReportedLine},{ConsumerProject.ReportedColumn}): warning MEM001", build.Output);

            using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
            var run = sarif.RootElement.GetProperty("runs")[0];
            var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "MEM001");
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("Program.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(ConsumerProject.ReportedLine, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(ConsumerProject.ReportedColumn, location.GetProperty("region").GetProperty("startColumn").GetInt32());

            var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == "MEM001");
            Assert.EndsWith("/docs/rules/MEM001.md", rule.GetProperty("helpUri").GetString());
        }

        [Fact]
        public void EditorConfig_severity_turns_MEM001_into_an_error_or_silences_it()
        {
            var project = new ConsumerProject(_package, "editorconfig");

            project.WriteEditorConfig("dotnet_diagnostic.MEM001.severity = error");
            var failing = project.Build();
            Assert.NotEqual(0, failing.ExitCode);
            Assert.Contains("error MEM001", failing.Output);

            project.WriteEditorConfig("dotnet_diagnostic.MEM001.severity = none");
            var silent = project.Build();
            Assert.True(silent.ExitCode == 0, silent.ToString());
            Assert.DoesNotContain("MEM001", silent.Output);
        }

        [Fact]
        public void EditorConfig_category_Memory_severity_sets_every_rule_unless_a_preset_names_it()
        {
            var project = new ConsumerProject(_package, "category");
            project.WriteEditorConfig("dotnet_analyzer_diagnostic.category-Memory.severity = error");

            var failing = project.Build();
            Assert.NotEqual(0, failing.ExitCode);
            Assert.Contains("error MEM001", failing.Output);
            Assert.Contains("error MEM008", failing.Output);

            // A preset sets each rule by ID, and a rule's own setting wins over its category's.
            var recommended = project.Build("-p:MemoryAnalyzersMode=Recommended", "--no-incremental");
            Assert.True(recommended.ExitCode == 0, recommended.ToString());
            Assert.Contains("warning MEM001", recommended.Output);
            Assert.DoesNotContain("error MEM", recommended.Output);
        }

        /// <summary>One consumer build per MemoryAnalyzersMode, with MEM001 (a Warning rule) and MEM008 (an Info rule) in its source.</summary>
        [Theory]
        [InlineData("Default", "warning", null)]
        [InlineData("Recommended", "warning", "warning")]
        [InlineData("Strict", "error", "error")]
        [InlineData("None", null, null)]
        public void MemoryAnalyzersMode_sets_the_severity_of_every_rule(string mode, string? mem001, string? mem008)
        {
            var project = new ConsumerProject(_package, "mode-" + mode.ToLowerInvariant(), mode);

            var build = project.Build();

            Assert.True((build.ExitCode == 0) == (mode != "Strict"), build.ToString());
            foreach (var (id, severity) in new[] { ("MEM001", mem001), ("MEM008", mem008) })
            {
                if (severity is null)
                {
                    Assert.DoesNotContain(id, build.Output);
                }
                else
                {
                    Assert.Contains($"{severity} {id}", build.Output);
                }
            }
        }

        [Fact]
        public void MemoryAnalyzersMode_of_an_unknown_name_fails_the_build_and_names_the_modes()
        {
            var project = new ConsumerProject(_package, "mode-unknown", "Everything");

            var build = project.Build();

            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("MemoryAnalyzersMode is 'Everything'; it takes Default, Recommended, Strict or None.", build.Output);
        }

        [Fact]
        public void Dotnet_format_applies_the_StringBuilder_fix_and_the_result_builds()
        {
            var project = new ConsumerProject(_package, "format");
            var restore = project.Dotnet("restore", "Consumer.csproj");
            Assert.True(restore.ExitCode == 0, restore.ToString());

            var format = project.Dotnet("format", "analyzers", "Consumer.csproj", "--diagnostics", "MEM001", "--severity", "info", "--no-restore");
            Assert.True(format.ExitCode == 0, format.ToString());

            var fixedSource = File.ReadAllText(project.ProgramPath);
            Assert.Contains("using System.Text;", fixedSource);
            Assert.Contains("var resultBuilder = new StringBuilder(result);", fixedSource);
            Assert.Contains("resultBuilder.Append(i);", fixedSource);
            Assert.Contains("result = resultBuilder.ToString();", fixedSource);

            var build = project.Build();
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.DoesNotContain("MEM001", build.Output);
        }
    }
}
