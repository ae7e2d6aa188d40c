using System;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM010's fix on the real runtime: the method computes the same result without the collection, and the collection
    /// the original forces is a real full one, which promotes what is alive to an older generation.
    /// </summary>
    [Collection(ProcessWideGcState.Name)]
    public sealed class ForcedGarbageCollectionRuntimeTests
    {
        private const string Source = """
            using System;
            using System.Collections.Generic;

            public static class Scenario
            {
                public static object Run(int n)
                {
                    var cache = new List<string>();
                    for (var i = 0; i < n; i++)
                    {
                        cache.Add(i.ToString());
                    }

                    // Free what the loop left behind.
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    return cache;
                }
            }
            """;

        [Fact]
        public async Task Fixed_method_returns_the_same_without_promoting_its_objects()
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(Source, new ForcedGarbageCollectionAnalyzer(), new ForcedGarbageCollectionFixer());
            Assert.DoesNotContain("GC.", fixedSource, StringComparison.Ordinal);
            Assert.Contains("// Free what the loop left behind.", fixedSource, StringComparison.Ordinal);
            var original = RuntimeScenario.LoadRun(Source, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");

            var fullCollections = GC.CollectionCount(2);
            var before = (System.Collections.Generic.List<string>)original.Invoke(null, new object[] { 100 })!;
            Assert.True(GC.CollectionCount(2) > fullCollections, "the original forces a full collection");
            Assert.True(GC.GetGeneration(before[0]) >= 1, "what was alive moved out of gen0");

            var after = (System.Collections.Generic.List<string>)fixedRun.Invoke(null, new object[] { 100 })!;
            Assert.Equal(before, after);
        }
    }
}
