using System;
using System.Reflection;
using System.Runtime;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// Tests that change the collector's process-wide state (latency mode, no-GC regions, forced collections): they run
    /// alone, after every other collection, so no other test sees the state and none of them disturbs the counts.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessWideGcState
    {
        public const string Name = "Process-wide GC state";
    }

    /// <summary>
    /// MEM011's fixes on the real runtime: after the fixed method throws, the latency mode is the one it found and the no-GC
    /// region has ended; the original leaves them changed. Every test puts the process back as it found it.
    /// </summary>
    [Collection(ProcessWideGcState.Name)]
    public sealed class GcModeNotRestoredRuntimeTests
    {
        private const string LatencySource = """
            using System;
            using System.Runtime;

            public static class Scenario
            {
                public static int Run(bool fail)
                {
                    var previous = GCSettings.LatencyMode;
                    var total = 0;
                    GCSettings.LatencyMode = GCLatencyMode.LowLatency;
                    total = Step(fail);
                    GCSettings.LatencyMode = previous;
                    return total;
                }

                private static int Step(bool fail) => fail ? throw new InvalidOperationException("frame failed") : 42;
            }
            """;

        private const string RegionSource = """
            using System;

            public static class Scenario
            {
                public static int Run(bool fail)
                {
                    GC.TryStartNoGCRegion(1_000_000);
                    var total = Step(fail);
                    GC.EndNoGCRegion();
                    return total;
                }

                private static int Step(bool fail) => fail ? throw new InvalidOperationException("frame failed") : 42;
            }
            """;

        [Fact]
        public async Task Fixed_latency_mode_is_restored_after_an_exception()
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(LatencySource, new GcModeNotRestoredAnalyzer(), new GcModeNotRestoredFixer());
            Assert.Contains("finally", fixedSource, StringComparison.Ordinal);
            var original = RuntimeScenario.LoadRun(LatencySource, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            var before = GCSettings.LatencyMode;
            try
            {
                Assert.Equal(42, Invoke(original, fail: false));
                Assert.Equal(42, Invoke(fixedRun, fail: false));
                Assert.Equal(before, GCSettings.LatencyMode);

                Assert.Throws<InvalidOperationException>(() => Invoke(fixedRun, fail: true));
                Assert.Equal(before, GCSettings.LatencyMode);

                Assert.Throws<InvalidOperationException>(() => Invoke(original, fail: true));
                Assert.Equal(GCLatencyMode.LowLatency, GCSettings.LatencyMode);
            }
            finally
            {
                GCSettings.LatencyMode = before;
            }
        }

        [Fact]
        public async Task Fixed_no_gc_region_has_ended_after_an_exception()
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(RegionSource, new GcModeNotRestoredAnalyzer(), new GcModeNotRestoredFixer());
            Assert.Contains("GCLatencyMode.NoGCRegion", fixedSource, StringComparison.Ordinal);
            var original = RuntimeScenario.LoadRun(RegionSource, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            try
            {
                Assert.Equal(42, Invoke(original, fail: false));
                Assert.Equal(42, Invoke(fixedRun, fail: false));
                Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

                Assert.Throws<InvalidOperationException>(() => Invoke(fixedRun, fail: true));
                Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

                Assert.Throws<InvalidOperationException>(() => Invoke(original, fail: true));
                Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            }
            finally
            {
                if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
            }
        }

        /// <summary>Calls <c>Run</c>, unwrapping the exception it throws.</summary>
        private static int Invoke(MethodInfo run, bool fail)
        {
            try
            {
                return (int)run.Invoke(null, new object[] { fail })!;
            }
            catch (TargetInvocationException wrapped) when (wrapped.InnerException is { } inner)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
                throw;
            }
        }
    }
}
