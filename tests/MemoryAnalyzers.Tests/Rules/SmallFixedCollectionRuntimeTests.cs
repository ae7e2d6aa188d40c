using System;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM013's fixes on the real runtime: the fixed method returns the same results for every input, and allocates less
    /// per call (nothing at all for the array read from a static field or for the ValueTuple).
    /// </summary>
    public sealed class SmallFixedCollectionRuntimeTests
    {
        private const string CollectionSource = """
            using System.Collections.Generic;
            using System.Linq;

            public static class Scenario
            {
                public static string Run(int code)
                {
                    var codes = new List<int> { 200, 201, 204, 206, 207 };
                    var found = codes.Contains(code);
                    var index = codes.IndexOf(code);
                    var above = codes.Where(c => c > code).Count();
                    var first = codes.Find(c => c >= code);
                    var sum = 0;
                    foreach (var c in codes)
                    {
                        sum += c;
                    }

                    return found + " " + index + " " + above + " " + first + " " + sum + " " + codes.Count + " " + codes[codes.Count - 1];
                }
            }
            """;

        private const string TupleSource = """
            using System;

            public static class Scenario
            {
                public static string Run(int code)
                {
                    var pair = Tuple.Create(code, code * 2);
                    Func<int> later = () => pair.Item2;
                    return pair.Item1 + " " + later();
                }
            }
            """;

        private const string ConvertedTupleSource = """
            using System;

            public static class Scenario
            {
                public static string Run(int code)
                {
                    Tuple<long, string> label = new Tuple<long, string>(code, null);
                    return label.Item1 * 3 + " " + (label.Item2 ?? "null");
                }
            }
            """;

        private const string ReturnedTupleSource = """
            using System;

            public static class Scenario
            {
                private static Tuple<long, string> Describe(int code)
                {
                    return new Tuple<long, string>(code < 0 ? code : code * 3L, code < 0 ? null : code.ToString());
                }

                public static string Run(int code)
                {
                    Tuple<long, string> described = Describe(code);
                    return described.Item1 + " " + (described.Item2 ?? "null") + " " + Describe(code / 2).Item1;
                }
            }
            """;

        private const string PassedTupleSource = """
            using System;

            public static class Scenario
            {
                private static string Format(Tuple<long, string> labelled)
                    => labelled.Item1 * 2 + " " + (labelled.Item2 ?? "null");

                public static string Run(int code)
                    => Format(Tuple.Create((long)code * 3, code < 0 ? null : code.ToString()));
            }
            """;

        [Theory]
        [InlineData(CollectionSource, "private static readonly int[]")]
        [InlineData(PassedTupleSource, "private static string Format((long, string) labelled)")]
        [InlineData(ReturnedTupleSource, "private static (long, string) Describe(int code)")]
        [InlineData(TupleSource, "var pair = (code, code * 2);")]
        [InlineData(ConvertedTupleSource, "(long, string) label = (code, null);")]
        public async Task Fixed_method_returns_the_same_for_every_input(string source, string expectedText)
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(source, new SmallFixedCollectionAnalyzer(), new SmallFixedCollectionFixer());
            Assert.Contains(expectedText, fixedSource, StringComparison.Ordinal);
            Assert.Empty(await RuntimeScenario.DiagnosticsAsync(fixedSource, new SmallFixedCollectionAnalyzer()));

            var original = RuntimeScenario.LoadRun(source, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            foreach (var code in new[] { -1, 0, 199, 200, 204, 205, 207, 208, int.MaxValue })
            {
                Assert.Equal(original.Invoke(null, new object[] { code }), fixedRun.Invoke(null, new object[] { code }));
            }
        }

        [Fact]
        public async Task Fixed_collection_allocates_nothing_per_call_for_the_constants()
        {
            const string source = """
                using System.Collections.Generic;

                public static class Scenario
                {
                    public static int Run(int code)
                    {
                        var codes = new List<int> { 200, 201, 204, 206, 207 };
                        var total = 0;
                        foreach (var c in codes)
                        {
                            total += c == code ? 1 : 0;
                        }

                        return total + codes.Count;
                    }
                }
                """;
            var fixedSource = await RuntimeScenario.ApplyFixAsync(source, new SmallFixedCollectionAnalyzer(), new SmallFixedCollectionFixer());
            var original = RuntimeScenario.LoadRun(source, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            Assert.Equal(original.Invoke(null, new object[] { 204 }), fixedRun.Invoke(null, new object[] { 204 }));

            var before = BytesPerCall(code => original.Invoke(null, new object[] { code }));
            var after = BytesPerCall(code => fixedRun.Invoke(null, new object[] { code }));

            // The List and its arrays of 4 and 8 ints: over 100 bytes; the array read from a static field costs nothing (the
            // boxed result of the reflection call is paid by both).
            Assert.True(before - after >= 100, $"original {before} bytes per call, fixed {after}");
        }

        [Fact]
        public async Task Fixed_private_method_returns_the_same_items_without_allocating_the_tuple()
        {
            const string source = """
                using System;

                public static class Scenario
                {
                    private static Tuple<int, int> Split(int code) => Tuple.Create(code / 100, code % 100);

                    public static int Run(int code)
                    {
                        var parts = Split(code);
                        return parts.Item1 * 1000 + parts.Item2 + Split(code + 1).Item2;
                    }
                }
                """;
            var fixedSource = await RuntimeScenario.ApplyFixAsync(source, new SmallFixedCollectionAnalyzer(), new SmallFixedCollectionFixer());
            Assert.Contains("private static (int, int) Split(int code) => (code / 100, code % 100);", fixedSource, StringComparison.Ordinal);
            var original = RuntimeScenario.LoadRun(source, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            foreach (var code in new[] { -101, 0, 99, 204, int.MaxValue - 1 })
            {
                Assert.Equal(original.Invoke(null, new object[] { code }), fixedRun.Invoke(null, new object[] { code }));
            }

            var before = BytesPerCall(code => original.Invoke(null, new object[] { code }));
            var after = BytesPerCall(code => fixedRun.Invoke(null, new object[] { code }));

            // Two Tuple<int, int> objects of 24 bytes each per call; the ValueTuples live on the stack.
            Assert.True(before - after >= 48, $"original {before} bytes per call, fixed {after}");
        }

        private static long BytesPerCall(Func<int, object?> run)
        {
            const int Calls = 1_000;
            run(0);
            var start = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                run(i);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - start) / Calls;
        }
    }
}
