using System;
using System.Reflection;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM014's fix on the real runtime: the field holds the same value after the loop ends normally, after it returns from
    /// the middle, and after an exception thrown in the middle of it.
    /// </summary>
    public sealed class FieldUpdatedInLoopRuntimeTests
    {
        private const string Source = """
            using System;

            public static class Scenario
            {
                private static long s_total;

                public static long Run(int n, int stopAt, int failAt)
                {
                    s_total = 1;
                    try
                    {
                        Accumulate(n, stopAt, failAt);
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    return s_total;
                }

                private static void Accumulate(int n, int stopAt, int failAt)
                {
                    for (var i = 0; i < n; i++)
                    {
                        if (i == stopAt)
                        {
                            return;
                        }

                        s_total = s_total * 3 + i;
                        if (i == failAt)
                        {
                            throw new InvalidOperationException("failed at " + i);
                        }
                    }
                }
            }
            """;

        [Theory]
        [InlineData(20, -1, -1)]
        [InlineData(20, 7, -1)]
        [InlineData(20, -1, 5)]
        [InlineData(0, -1, -1)]
        public async Task Field_holds_the_same_value_after_every_exit(int n, int stopAt, int failAt)
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(Source, new FieldUpdatedInLoopAnalyzer(), new FieldUpdatedInLoopFixer());
            Assert.Contains("var total = s_total;", fixedSource, StringComparison.Ordinal);
            Assert.Contains("finally", fixedSource, StringComparison.Ordinal);

            var original = RuntimeScenario.LoadRun(Source, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            var expected = Invoke(original, n, stopAt, failAt);
            Assert.NotEqual(1L, n == 0 ? 2L : expected);
            Assert.Equal(expected, Invoke(fixedRun, n, stopAt, failAt));
        }

        private static long Invoke(MethodInfo run, int n, int stopAt, int failAt) => (long)run.Invoke(null, new object[] { n, stopAt, failAt })!;
    }
}
