using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using MemoryAnalyzers.Demo.Simulation;
using Xunit;

namespace MemoryAnalyzers.Demo.Tests
{
    /// <summary>
    /// The rule simulations against the runtime they model: the same work measured with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> allocates what the simulated .NET heap counts, within a few percent.
    /// </summary>
    [Collection(nameof(CalibrationTests))]
    public sealed class CalibrationTests
    {
        private const int Values = 100_000;
        private const int Lines = 100_000;

        [Fact]
        public void ToList_over_a_sized_query_allocates_what_the_simulation_counts()
        {
            var simulated = RuleSimulations.MaterializedOnce(Values);
            AssertClose(AllocatedBy(SumOfCopy), simulated.Original.TotalAllocatedBytes, slack: 256);
        }

        [Fact]
        public void Enumerating_the_query_allocates_what_the_simulation_counts()
        {
            var simulated = RuleSimulations.MaterializedOnce(Values);
            AssertClose(AllocatedBy(SumOfQuery), simulated.Fixed.TotalAllocatedBytes, slack: 256);
        }

        [Fact]
        public void ReadAllText_allocates_what_the_simulation_counts()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, string.Concat(Enumerable.Repeat("INFO  request served\n", Lines)));
                var simulated = RuleSimulations.WholeFileScan(Lines);
                AssertClose(AllocatedBy(() => File.ReadAllText(path).Length), simulated.Original.TotalAllocatedBytes, slack: 16 * 1024);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long SumOfCopy()
        {
            long total = 0;
            foreach (var value in Enumerable.Range(0, Values).Select(i => i * 3).ToList())
            {
                total += value;
            }

            return total;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long SumOfQuery()
        {
            long total = 0;
            foreach (var value in Enumerable.Range(0, Values).Select(i => i * 3))
            {
                total += value;
            }

            return total;
        }

        /// <summary>Bytes one call allocates on this thread, after a first call has run static initialisers and cached delegates.</summary>
        [Fact]
        public void Dictionaries_of_three_values_allocate_what_the_simulation_counts()
        {
            var simulated = RuleSimulations.DictionaryAsRecord(Values);
            AssertClose(AllocatedBy(DictionaryPeople), simulated.Original.TotalAllocatedBytes, slack: 256);
        }

        [Fact]
        public void Records_of_three_values_allocate_what_the_simulation_counts()
        {
            var simulated = RuleSimulations.DictionaryAsRecord(Values);
            AssertClose(AllocatedBy(RecordPeople), simulated.Fixed.TotalAllocatedBytes, slack: 256);
        }

        private sealed record Person(string Name, int Age, double Score);

        /// <summary>Where each holder goes, so that it escapes and the JIT cannot allocate it on the stack.</summary>
        private static object? s_sink;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long DictionaryPeople()
        {
            for (var i = 0; i < Values; i++)
            {
                s_sink = new System.Collections.Generic.Dictionary<string, object> { ["name"] = "Ada", ["age"] = i, ["score"] = i / 2.0 };
            }

            return Values;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long RecordPeople()
        {
            for (var i = 0; i < Values; i++)
            {
                s_sink = new Person("Ada", i, i / 2.0);
            }

            return Values;
        }

        private static long AllocatedBy(Func<long> work)
        {
            work();
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(work());
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        /// <summary>Within 5% of the measured figure, or within <paramref name="slack"/> bytes for small ones.</summary>
        private static void AssertClose(long measured, long simulated, long slack)
        {
            var tolerance = Math.Max(slack, measured / 20);
            Assert.True(Math.Abs(measured - simulated) <= tolerance, $"measured {measured:N0} bytes on the runtime, the simulation counts {simulated:N0}");
        }
    }
}
