using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MemoryAnalyzers.Tests
{
    /// <summary>The sample app reports exactly where its source says it does: each "// MEMnnn" comment marks one report.</summary>
    public sealed class SampleTests
    {
        private static readonly Regex s_marker = new(@"//\s*(?<ids>MEM\d{3}(\s*,\s*MEM\d{3})*)\s*$", RegexOptions.Compiled);

        [Fact]
        public async Task Every_marked_line_is_reported_and_nothing_else()
        {
            var folder = Path.Combine(AnalyzerCatalog.RepositoryRoot, "samples", "AntiPatterns");
            var sources = Directory.GetFiles(folder, "*.cs", SearchOption.TopDirectoryOnly)
                .Select(path => (path, File.ReadAllText(path)))
                .ToList();

            var expected = sources
                .SelectMany(source => source.Item2.Split('\n').Select((line, index) => (source.path, line: index + 1, match: s_marker.Match(line.TrimEnd('\r')))))
                .Where(x => x.match.Success)
                .SelectMany(x => x.match.Groups["ids"].Value.Split(',').Select(id => $"{Path.GetFileName(x.path)}:{x.line}:{id.Trim()}"))
                .OrderBy(x => x)
                .ToList();
            Assert.NotEmpty(expected);

            var compilation = await AnalyzerCatalog.CompileAsync(sources, OutputKind.ConsoleApplication);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var actual = (await AnalyzerCatalog.RunAllAsync(compilation))
                .Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Id}")
                .OrderBy(x => x)
                .ToList();

            Assert.Equal(expected, actual);
        }
    }
}
