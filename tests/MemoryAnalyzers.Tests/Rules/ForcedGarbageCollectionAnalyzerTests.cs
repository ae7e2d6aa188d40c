using System.IO;
using System.Threading.Tasks;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ForcedGarbageCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ForcedGarbageCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class ForcedGarbageCollectionAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Runtime;

            class Cache
            {
                void Trim(int generation, GCCollectionMode mode, bool flag)
                {
                    {{body}}
                }

                void Collect() { }
            }

            class Other
            {
                public void Collect() { }
            }
            """;

        /// <summary>Stand-ins for the test and benchmark frameworks' attributes, in their real namespaces.</summary>
        private const string TestFrameworks = """
            namespace Xunit { public class FactAttribute : System.Attribute { } public class TheoryAttribute : FactAttribute { } }
            namespace NUnit.Framework
            {
                public class TestAttribute : System.Attribute { }
                public class TestCaseAttribute : System.Attribute { public TestCaseAttribute(params object[] args) { } }
                public class TestFixtureAttribute : System.Attribute { }
            }
            namespace Microsoft.VisualStudio.TestTools.UnitTesting
            {
                public class TestMethodAttribute : System.Attribute { }
                public class TestClassAttribute : System.Attribute { }
            }
            namespace BenchmarkDotNet.Attributes
            {
                public class BenchmarkAttribute : System.Attribute { }
                public class GlobalSetupAttribute : System.Attribute { }
                public class IterationSetupAttribute : System.Attribute { }
                public class IterationCleanupAttribute : System.Attribute { }
                public class GlobalCleanupAttribute : System.Attribute { }
            }
            namespace MyTests { public sealed class SlowFactAttribute : Xunit.FactAttribute { } }
            """;

        [Theory]
        [InlineData("{|MEM010:GC.Collect()|};")]
        [InlineData("{|MEM010:GC.Collect(2)|};")]
        [InlineData("{|MEM010:GC.Collect(0)|};")]
        [InlineData("{|MEM010:GC.Collect(generation)|};")]
        [InlineData("{|MEM010:GC.Collect(2, GCCollectionMode.Forced)|};")]
        [InlineData("{|MEM010:GC.Collect(2, GCCollectionMode.Default, blocking: true)|};")]
        [InlineData("{|MEM010:GC.Collect(1, GCCollectionMode.Aggressive, true, true)|};")]
        [InlineData("{|MEM010:System.GC.Collect()|};")]
        [InlineData("{|MEM010:GC.Collect()|}; GC.WaitForPendingFinalizers(); {|MEM010:GC.Collect()|};")]
        [InlineData("if (flag) {|MEM010:GC.Collect()|};")]
        [InlineData("Action a = () => {|MEM010:GC.Collect()|}; a();")]
        [InlineData("void Local() => {|MEM010:GC.Collect()|}; Local();")]
        [InlineData("GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.Default; {|MEM010:GC.Collect()|};")]
        [InlineData("GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce; Console.WriteLine(); {|MEM010:GC.Collect()|};")]
        public Task Reports_a_forced_collection(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Message_says_which_generations_and_what_it_costs() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("GC.Collect(0);"),
            VerifyCS.Diagnostic("MEM010").WithSpan(8, 9, 8, 22).WithArguments("GC.Collect(0)", "gen0"));

        [Theory]
        [InlineData("GC.Collect(2, GCCollectionMode.Optimized);")]
        [InlineData("GC.Collect(2, GCCollectionMode.Optimized, blocking: true);")]
        [InlineData("GC.Collect(2, mode);")]
        [InlineData("GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce; GC.Collect();")]
        [InlineData("GC.WaitForPendingFinalizers(); GC.GetTotalMemory(false); GC.KeepAlive(this);")]
        [InlineData("GC.GetTotalMemory(forceFullCollection: true);")]
        [InlineData("Collect();")]
        [InlineData("new Other().Collect();")]
        public Task Silent_on_look_alikes(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("[Xunit.Fact] public void Test() { GC.Collect(); }")]
        [InlineData("[Xunit.Theory] public void Test() { GC.Collect(); }")]
        [InlineData("[MyTests.SlowFact] public void Test() { GC.Collect(); }")]
        [InlineData("[Xunit.Fact] public void Test() { Helper(); } void Helper() { GC.Collect(); }")]
        [InlineData("[NUnit.Framework.Test] public void Test() { GC.Collect(); }")]
        [InlineData("[NUnit.Framework.TestCase(1)] public void Test(int n) { GC.Collect(); }")]
        [InlineData("[Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod] public void Test() { System.Action a = () => GC.Collect(); a(); }")]
        [InlineData("[BenchmarkDotNet.Attributes.Benchmark] public void Run() { GC.Collect(); }")]
        [InlineData("[BenchmarkDotNet.Attributes.GlobalSetup] public void Setup() { GC.Collect(); }")]
        [InlineData("[BenchmarkDotNet.Attributes.IterationSetup] public void Setup() { GC.Collect(); }")]
        [InlineData("[BenchmarkDotNet.Attributes.IterationCleanup] public void Cleanup() { GC.Collect(); }")]
        [InlineData("[BenchmarkDotNet.Attributes.GlobalCleanup] public void Cleanup() { GC.Collect(); }")]
        public Task Silent_in_tests_and_benchmarks(string members) => VerifyCS.VerifyAnalyzerAsync($$"""
            using System;

            public class Tests
            {
                {{members}}
            }

            {{TestFrameworks}}
            """);

        [Theory]
        [InlineData("NUnit.Framework.TestFixture")]
        [InlineData("Microsoft.VisualStudio.TestTools.UnitTesting.TestClass")]
        public Task Silent_in_marked_test_classes_and_their_nested_types(string attribute) => VerifyCS.VerifyAnalyzerAsync($$"""
            using System;

            [{{attribute}}]
            public class Tests
            {
                public void Helper() { GC.Collect(); }

                private sealed class Nested
                {
                    public void Deeper() { GC.Collect(); }
                }
            }

            {{TestFrameworks}}
            """);

        [Fact]
        public async Task Silent_in_a_project_that_references_a_test_framework()
        {
            // The framework as a referenced assembly, as a test project gets it from its package.
            var framework = CSharpCompilation.Create(
                "xunit.core",
                new[] { CSharpSyntaxTree.ParseText("namespace Xunit { public class FactAttribute : System.Attribute { } }") },
                RuntimeScenario.References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            Assert.True(framework.Emit(image).Success);

            var test = new VerifyCS.Test(LanguageVersion.Preview)
            {
                TestCode = """
                    using System;

                    public abstract class ConnectedTestBase
                    {
                        protected void Act() { GC.Collect(); }
                    }
                    """,
            };
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromImage(image.ToArray()));
            await test.RunAsync();

            // The same base class in a project without the framework is product code.
            await VerifyCS.VerifyAnalyzerAsync("""
                using System;

                public abstract class ConnectedTestBase
                {
                    protected void Act() { {|MEM010:GC.Collect()|}; }
                }
                """);
        }

        [Fact]
        public Task Reports_in_product_code_next_to_test_frameworks() => VerifyCS.VerifyAnalyzerAsync($$"""
            using System;

            public class Product
            {
                [Obsolete] public void Flush() { {|MEM010:GC.Collect()|}; }
            }

            {{TestFrameworks}}
            """);

        [Fact]
        public Task Reports_in_top_level_statements() => VerifyCS.VerifyProgramAsync("""
            using System;

            var data = new byte[1000];
            data = null;
            {|MEM010:GC.Collect()|};
            Console.WriteLine(GC.GetTotalMemory(false));
            """);

        [Fact]
        public Task Reports_in_newer_constructs() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            public record Snapshot(int Size)
            {
                public void Free() => {|MEM010:GC.Collect()|};
            }

            public sealed class Pool(int capacity)
            {
                private readonly List<int> _items = [1, 2, 3];

                public int Drain(object state)
                {
                    if (state is Snapshot { Size: > 0 })
                    {
                        {|MEM010:GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true)|};
                    }

                    return capacity + _items.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_in_old_language_versions() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("{|MEM010:GC.Collect()|};"),
            LanguageVersion.CSharp7_3);
    }
}
