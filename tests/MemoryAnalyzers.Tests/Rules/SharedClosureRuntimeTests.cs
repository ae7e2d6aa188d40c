using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Profiling;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM003 on the real runtime: each scenario is compiled in-process (Debug and Release), run, and a full collection
    /// decides whether the large array is still reachable from the long-lived delegate. What the rule reports must keep
    /// the array alive; what the code fix writes, and what the rule leaves alone, must let it go.
    /// </summary>
    public sealed class SharedClosureRuntimeTests
    {
        /// <summary>Hands the array to the scenario and keeps what the scenario returns; the test drops the array.</summary>
        private const string Harness = """

            public static class Probe
            {
                public static object Keep;

                public static object Hand(byte[] payload)
                {
                    Keep = Scenario.Create(payload);
                    return payload;
                }
            }
            """;

        /// <summary>Scenarios the rule reports: the long-lived delegate keeps the payload alive.</summary>
        public static readonly Dictionary<string, string> Reported = new()
        {
            ["Parameter and local of the body (the issue's example)"] = """
                using System;
                using System.Threading.Tasks;

                public sealed class Service
                {
                    private Action _onStop;

                    static int Crc(byte[] data) => data.Length;

                    public void Start(byte[] payload)
                    {
                        int size = payload.Length;
                        var checksum = Task.Run(() => Crc(payload));
                        checksum.Wait();
                        _onStop = () => Console.WriteLine(size);
                    }
                }

                public static class Scenario
                {
                    public static object Create(byte[] payload)
                    {
                        var service = new Service();
                        service.Start(payload);
                        return service;
                    }
                }
                """,
            ["Async method"] = """
                using System;
                using System.Threading.Tasks;

                public sealed class Service
                {
                    private Action _onStop;

                    static int Crc(byte[] data) => data.Length;

                    public async Task<int> Start(byte[] payload)
                    {
                        int size = payload.Length;
                        var checksum = Task.Run(() => Crc(payload));
                        _onStop = () => Console.WriteLine(size);
                        return await checksum;
                    }
                }

                public static class Scenario
                {
                    public static object Create(byte[] payload)
                    {
                        var service = new Service();
                        service.Start(payload).GetAwaiter().GetResult();
                        return service;
                    }
                }
                """,
            ["Loop body, one closure per iteration"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    static int Use(Func<int> f) => f();

                    public static object Create(byte[] payload)
                    {
                        for (int i = 0; i < 1; i++)
                        {
                            var data = payload;
                            int size = i;
                            Use(() => data.Length);
                            Keep = () => size;
                        }

                        return Keep;
                    }
                }
                """,
            ["Lambda that uses only this"] = """
                using System;

                public sealed class Service
                {
                    private Func<int> _keep;
                    private int _x = 1;

                    static int Use(Func<int> f) => f();

                    public void Start(byte[] payload)
                    {
                        Use(() => payload.Length);
                        _keep = () => _x;
                    }
                }

                public static class Scenario
                {
                    public static object Create(byte[] payload)
                    {
                        var service = new Service();
                        service.Start(payload);
                        return service;
                    }
                }
                """,
        };

        /// <summary>Scenarios the rule reports without a fix (a local function cannot move into a block): still kept alive.</summary>
        public static readonly Dictionary<string, string> ReportedWithoutFix = new()
        {
            ["Local function that is only called"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    public static object Create(byte[] payload)
                    {
                        int size = 1;
                        int Checksum() => payload.Length;
                        Checksum();
                        Keep = () => size;
                        return Keep;
                    }
                }
                """,
            ["Local function turned into the long-lived delegate"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    static int Use(Func<int> f) => f();

                    public static object Create(byte[] payload)
                    {
                        int size = 1;
                        Use(() => payload.Length);
                        int Size() => size;
                        Keep = Size;
                        return Keep;
                    }
                }
                """,
        };

        /// <summary>Scenarios the rule leaves alone: nothing long-lived reaches the payload.</summary>
        public static readonly Dictionary<string, string> Silent = new()
        {
            ["Different blocks"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    static int Use(Func<int> f) => f();

                    public static object Create(byte[] payload)
                    {
                        {
                            var data = payload;
                            Use(() => data.Length);
                        }
                        {
                            int size = 5;
                            Keep = () => size;
                        }

                        return Keep;
                    }
                }
                """,
            ["Large variable in the body, long-lived lambda in a loop body"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    static int Use(Func<int> f) => f();

                    public static object Create(byte[] payload)
                    {
                        for (int i = 0; i < 1; i++)
                        {
                            int size = i;
                            Use(() => payload.Length);
                            Keep = () => size;
                        }

                        return Keep;
                    }
                }
                """,
            ["Static lambda"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    static int Use(Func<int> f) => f();

                    public static object Create(byte[] payload)
                    {
                        Use(() => payload.Length);
                        Keep = static () => 5;
                        return Keep;
                    }
                }
                """,
            ["Lambda that captures nothing"] = """
                using System;

                public static class Scenario
                {
                    public static Func<int> Keep;

                    static int Use(Func<int> f) => f();

                    public static object Create(byte[] payload)
                    {
                        Use(() => payload.Length);
                        Keep = () => 5;
                        return Keep;
                    }
                }
                """,
            ["Only this, large variable in an inner block"] = """
                using System;

                public sealed class Service
                {
                    private Func<int> _keep;
                    private int _x = 1;

                    static int Use(Func<int> f) => f();

                    public void Start(byte[] payload)
                    {
                        {
                            var data = payload;
                            Use(() => data.Length);
                        }

                        _keep = () => _x;
                    }
                }

                public static class Scenario
                {
                    public static object Create(byte[] payload)
                    {
                        var service = new Service();
                        service.Start(payload);
                        return service;
                    }
                }
                """,
        };

        public static IEnumerable<object[]> ReportedCases => Cases(Reported.Keys);

        public static IEnumerable<object[]> SilentCases => Cases(Silent.Keys);

        public static IEnumerable<object[]> ReportedWithoutFixCases => Cases(ReportedWithoutFix.Keys);

        private static IEnumerable<object[]> Cases(IEnumerable<string> names)
            => names.SelectMany(name => new[] { new object[] { name, OptimizationLevel.Debug }, new object[] { name, OptimizationLevel.Release } });

        [Theory]
        [MemberData(nameof(ReportedCases))]
        public async Task Reported_form_keeps_the_payload_alive_and_the_fixed_form_does_not(string scenario, OptimizationLevel optimization)
        {
            var source = Reported[scenario];
            var document = CreateDocument(source, optimization);
            var diagnostics = await AnalyzeAsync(document);
            var diagnostic = Assert.Single(diagnostics);
            Assert.True(await IsPayloadAliveAsync(document), "the reported form should keep the payload alive");

            var fixedDocument = await ApplyFixAsync(document, diagnostic);
            Assert.Empty(await AnalyzeAsync(fixedDocument));
            Assert.False(await IsPayloadAliveAsync(fixedDocument), "the fixed form should let the payload go:\n" + await fixedDocument.GetTextAsync());
        }

        [Theory]
        [MemberData(nameof(ReportedWithoutFixCases))]
        public async Task Reported_form_without_a_fix_keeps_the_payload_alive(string scenario, OptimizationLevel optimization)
        {
            var document = CreateDocument(ReportedWithoutFix[scenario], optimization);
            Assert.Single(await AnalyzeAsync(document));
            Assert.True(await IsPayloadAliveAsync(document));
        }

        [Theory]
        [MemberData(nameof(SilentCases))]
        public async Task Silent_form_lets_the_payload_go(string scenario, OptimizationLevel optimization)
        {
            var document = CreateDocument(Silent[scenario], optimization);
            Assert.Empty(await AnalyzeAsync(document));
            Assert.False(await IsPayloadAliveAsync(document));
        }

        private static Document CreateDocument(string source, OptimizationLevel optimization)
        {
            var workspace = new AdhocWorkspace();
            var projectInfo = ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Scenario",
                "Scenario" + Guid.NewGuid().ToString("N"),
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: RuntimeReferences.All);
            var project = workspace.AddProject(projectInfo);
            workspace.AddDocument(project.Id, "Harness.cs", SourceText.From(Harness));
            return workspace.AddDocument(project.Id, "Scenario.cs", SourceText.From(source));
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SharedClosureKeepsLargeObjectAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
        }

        private static async Task<Document> ApplyFixAsync(Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await new SharedClosureKeepsLargeObjectFixer().RegisterCodeFixesAsync(context);
            var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
            var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return solution.GetDocument(document.Id)!;
        }

        private static async Task<bool> IsPayloadAliveAsync(Document document)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            image.Position = 0;

            var context = new AssemblyLoadContext("MEM003 scenario", isCollectible: true);
            try
            {
                var assembly = context.LoadFromStream(image);
                var hand = assembly.GetType("Probe")!.GetMethod("Hand")!.CreateDelegate<Func<byte[], object>>();
                return !Reachability.IsCollected(() => hand(new byte[1 << 16]), out _);
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
