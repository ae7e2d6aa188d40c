using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MemoryAnalyzers.Tests
{
    /// <summary>Every analyzer over tests/ValidCode: correct, idiomatic code must produce no diagnostic at all.</summary>
    public sealed class AllAnalyzersValidTests
    {
        [Fact]
        public async Task Valid_code_compiles_and_no_analyzer_reports_on_it()
        {
            var folder = Path.Combine(AnalyzerCatalog.RepositoryRoot, "tests", "ValidCode");
            var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                    && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(path => (path, File.ReadAllText(path)))
                .ToList();
            Assert.NotEmpty(sources);

            var compilation = await AnalyzerCatalog.CompileAsync(sources);
            Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));

            var diagnostics = await AnalyzerCatalog.RunAllAsync(compilation);
            Assert.Empty(diagnostics);
        }
    }
}
