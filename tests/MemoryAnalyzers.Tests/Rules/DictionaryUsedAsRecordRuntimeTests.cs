using System;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM017 on the real runtime: the scenario builds its dictionary many times and sums what it reads; the fixed code
    /// must return the same sum and allocate fewer bytes (<see cref="GC.GetAllocatedBytesForCurrentThread"/>). A second
    /// test measures the figures the message and the docs quote.
    /// </summary>
    public sealed class DictionaryUsedAsRecordRuntimeTests
    {
        private const string Harness = """

                public static string Run()
                {
                    var name = "Ada";
                    double total = 0;
                    for (var i = 0; i < 100; i++)
                    {
                        total += Score(name, i, i / 2.0);
                    }

                    var before = System.GC.GetAllocatedBytesForCurrentThread();
                    for (var i = 0; i < 1000; i++)
                    {
                        total += Score(name, i, i / 2.0);
                    }

                    var perCall = (System.GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
                    return total.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + perCall;
                }
            }
            """;

        public static TheoryData<string> Scenarios => new()
        {
            """
            using System.Collections.Generic;

            public static class Scenario
            {
                private static double Score(string name, int age, double score)
                {
                    var person = new Dictionary<string, object> { ["name"] = name, ["age"] = age, ["score"] = score };
                    return ((string)person["name"]).Length + (int)person["age"] + (double)person["score"];
                }
            """,
            """
            using System.Collections.Generic;

            public static class Scenario
            {
                private static double Score(string name, int age, double score)
                {
                    IDictionary<string, object> person = new Dictionary<string, object>();
                    person["name"] = name;
                    person.Add("age", age);
                    person["score"] = score;
                    object boxed = person["age"];
                    return ((string)person["name"]).Length + (int)boxed + (double)person["score"];
                }
            """,
            """
            using System.Collections.Generic;

            public static class Scenario
            {
                private static double Score(string name, int age, double score)
                {
                    var point = new Dictionary<string, double> { { "x", age }, { "y", score }, { "z", name.Length } };
                    return point["x"] * 2 + point["y"] - point["z"];
                }
            """,
        };

        [Theory]
        [MemberData(nameof(Scenarios))]
        public async Task The_record_gives_the_same_results_with_fewer_bytes(string scenario)
        {
            var original = scenario + Harness;
            var fixedCode = await RuntimeScenario.ApplyFixAsync(original, new DictionaryUsedAsRecordAnalyzer(), new DictionaryUsedAsRecordFixer());
            var before = ((string)RuntimeScenario.LoadRun(original, "Scenario").Invoke(null, null)!).Split('|');
            var after = ((string)RuntimeScenario.LoadRun(fixedCode, "Scenario").Invoke(null, null)!).Split('|');

            Assert.Contains("record", fixedCode, StringComparison.Ordinal);
            Assert.Equal(before[0], after[0]);
            Assert.True(long.Parse(after[1]) < long.Parse(before[1]), $"fixed {after[1]} bytes per call, original {before[1]}");
            Assert.Empty(await RuntimeScenario.DiagnosticsAsync(fixedCode, new DictionaryUsedAsRecordAnalyzer()));
        }

        /// <summary>The sizes in the message and in docs/rules/MEM017.md, measured here (objects that escape, so nothing is stack-allocated).</summary>
        [Fact]
        public void The_quoted_sizes_are_what_the_runtime_allocates()
        {
            const string Source = """
                using System.Collections.Generic;
                using System.Dynamic;

                public static class Sizes
                {
                    private sealed record Person(string Name, int Age, double Score);

                    private static object Dictionary(string n, int a, double s) => new Dictionary<string, object> { ["name"] = n, ["age"] = a, ["score"] = s };

                    private static object Record(string n, int a, double s) => new Person(n, a, s);

                    private static object Expando(string n, int a, double s)
                    {
                        dynamic e = new ExpandoObject();
                        e.Name = n;
                        e.Age = a;
                        e.Score = s;
                        return e;
                    }

                    private static long Measure(System.Func<object> create)
                    {
                        for (var i = 0; i < 10; i++)
                        {
                            create();
                        }

                        var before = System.GC.GetAllocatedBytesForCurrentThread();
                        for (var i = 0; i < 1000; i++)
                        {
                            create();
                        }

                        return (System.GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
                    }

                    public static string Run()
                    {
                        var n = "Ada";
                        return Measure(() => Dictionary(n, 36, 1.5)) + " " + Measure(() => Record(n, 36, 1.5)) + " " + Measure(() => Expando(n, 36, 1.5));
                    }
                }
                """;

            var measured = (string)RuntimeScenario.LoadRun(Source, "Sizes").Invoke(null, null)!;

            Assert.Equal(
                $"{DictionaryUsedAsRecordAnalyzer.DictionaryBytes} {DictionaryUsedAsRecordAnalyzer.RecordBytes} {DictionaryUsedAsRecordAnalyzer.ExpandoBytes}",
                measured);
        }
    }
}
