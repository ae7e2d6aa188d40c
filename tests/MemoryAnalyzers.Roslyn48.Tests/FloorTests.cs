using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Shared;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace MemoryAnalyzers.Roslyn48.Tests
{
    /// <summary>
    /// Every fix on Roslyn 4.8, one by one and as Fix All in the solution: applied to each report of its rule in samples/AntiPatterns (every rule reports there a few
    /// times; the analyzers' own checks are the linked SampleTests and AllAnalyzersValidTests), the fixed code must compile
    /// and report that rule once less.
    /// </summary>
    public sealed class FloorTests
    {
        public static IEnumerable<object[]> FixableRuleIds
            => ShippedFixers.All.SelectMany(fixer => fixer.FixableDiagnosticIds).Distinct().OrderBy(id => id, StringComparer.Ordinal).Select(id => new object[] { id });

        [Fact]
        public void Roslyn_is_the_floor_version()
        {
            var version = typeof(Compilation).Assembly.GetName().Version!;
            Assert.Equal((4, 8), (version.Major, version.Minor));
            Assert.Equal(version, typeof(Workspace).Assembly.GetName().Version);
        }

        [Theory]
        [MemberData(nameof(FixableRuleIds))]
        public async Task Fix_applies_to_the_samples_and_the_fixed_code_compiles(string id)
        {
            var project = await SampleProjectAsync();
            var reports = await ReportsAsync(project, id);
            Assert.NotEmpty(reports);

            var fixer = ShippedFixers.All.Single(f => f.FixableDiagnosticIds.Contains(id));
            var applied = 0;
            foreach (var report in reports)
            {
                var document = project.GetDocument(report.Location.SourceTree!)!;
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, report, (action, _) => actions.Add(action), CancellationToken.None));
                if (actions.Count == 0)
                {
                    continue;
                }

                var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
                var fixedProject = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
                var compilation = (await fixedProject.GetCompilationAsync())!;
                Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
                Assert.True((await ReportsAsync(fixedProject, id)).Length < reports.Length, $"{id} at {report.Location.GetLineSpan()} still reported after its fix");
                applied++;
            }

            Assert.True(applied > 0, $"no {id} report in the samples was offered a fix");
        }

        [Theory]
        [MemberData(nameof(FixableRuleIds))]
        public async Task Fix_all_in_the_solution_applies_and_the_fixed_code_compiles(string id)
        {
            var project = await SampleProjectAsync();
            var reports = await ReportsAsync(project, id);
            var fixer = ShippedFixers.All.Single(f => f.FixableDiagnosticIds.Contains(id));
            var fixAll = fixer.GetFixAllProvider();
            Assert.NotNull(fixAll);

            // Fix All groups the actions that share the first offered action's equivalence key.
            (Diagnostic Report, CodeAction Action)? first = null;
            foreach (var report in reports)
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(project.GetDocument(report.Location.SourceTree!)!, report, (action, _) => actions.Add(action), CancellationToken.None));
                if (actions.Count > 0)
                {
                    first = (report, actions[0]);
                    break;
                }
            }

            Assert.True(first.HasValue, $"no {id} report in the samples was offered a fix");
            var context = new FixAllContext(
                project.GetDocument(first.Value.Report.Location.SourceTree!)!,
                fixer,
                FixAllScope.Solution,
                first.Value.Action.EquivalenceKey,
                new[] { id },
                new SampleDiagnostics(reports),
                CancellationToken.None);
            var fixAllAction = await fixAll!.GetFixAsync(context);
            Assert.NotNull(fixAllAction);

            var operations = await fixAllAction!.GetOperationsAsync(CancellationToken.None);
            var fixedProject = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
            var compilation = (await fixedProject.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.True((await ReportsAsync(fixedProject, id)).Length < reports.Length, $"{id}: Fix All fixed nothing");
        }

        /// <summary>The reports found before the fix, handed to Fix All the way the IDE hands it a document's or project's diagnostics.</summary>
        private sealed class SampleDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _reports;

            public SampleDiagnostics(ImmutableArray<Diagnostic> reports) => _reports = reports;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult(_reports.Where(report => report.Location.SourceTree?.FilePath == document.FilePath));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_reports);
        }

        private static async Task<ImmutableArray<Diagnostic>> ReportsAsync(Project project, string id)
        {
            var compilation = (await project.GetCompilationAsync())!;
            return (await AnalyzerCatalog.RunAllAsync(compilation)).Where(d => d.Id == id).ToImmutableArray();
        }

        private static async Task<Project> SampleProjectAsync()
        {
            var workspace = new AdhocWorkspace();
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "AntiPatterns",
                "AntiPatterns",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
                metadataReferences: references));
            foreach (var path in Directory.GetFiles(Path.Combine(AnalyzerCatalog.RepositoryRoot, "samples", "AntiPatterns"), "*.cs"))
            {
                project = project.AddDocument(Path.GetFileName(path), File.ReadAllText(path), filePath: path).Project;
            }

            return project;
        }
    }
}
