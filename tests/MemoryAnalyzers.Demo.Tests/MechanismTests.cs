using System.Linq;
using MemoryAnalyzers.Demo.Mechanisms;
using MemoryAnalyzers.Demo.Rendering;
using Xunit;

namespace MemoryAnalyzers.Demo.Tests
{
    /// <summary>The tutorial's mechanisms show what the tutorial prints, computed on the simulator.</summary>
    public sealed class MechanismTests
    {
        private static string Verdict(System.Collections.Generic.IReadOnlyList<Block> blocks) => ((VerdictBlock)blocks[^1]).Text;

        [Fact]
        public void Refcount_walkthrough_prints_the_tutorials_2_3_2()
            => Assert.StartsWith("sys.getrefcount printed 2, 3, 2", Verdict(ReferenceCounting.RefCountWalkthrough()));

        [Fact]
        public void Cycle_survives_refcounting_and_the_collector_frees_both_objects()
            => Assert.Equal("after 'del a; del b' 2 objects were still alive; gc.collect() found 2 unreachable objects and left 0", Verdict(ReferenceCounting.Cycle()));

        [Fact]
        public void Thresholds_run_gen1_collections_after_more_than_ten_gen0_ones()
        {
            var stats = ((TableBlock)Collector.Thresholds().Single(b => b is TableBlock)).Rows;
            var gen0 = int.Parse(stats[0][1]);
            var gen1 = int.Parse(stats[1][1]);
            Assert.True(gen0 > 10);
            Assert.Equal(gen0 / 11, gen1);
        }

        [Fact]
        public void Gen0_chart_reaches_the_threshold_before_each_collection()
        {
            var chart = (ChartBlock)Collector.Thresholds().Single(b => b is ChartBlock);
            var counts = chart.Series.Single().Points.Select(point => point.Y).ToList();
            var threshold = MemoryAnalyzers.HeapSim.HeapSimulator.CreateCPython().GetThreshold().Gen0;
            Assert.True(counts.Max() >= threshold, $"the chart peaks at {counts.Max()}, below the threshold {threshold}");
            Assert.True(counts.Count(count => count >= threshold) > 10, "every collection's peak is drawn");
        }

        [Fact]
        public void Generator_peak_is_far_below_the_list_peak_and_includes_the_generator()
        {
            var (list, generator) = DataStructures.SumOfSquares();
            Assert.True(generator.Peak * 10 < list.Peak, $"generator peak {generator.Peak}, list peak {list.Peak}");
            Assert.True(generator.Peak >= MemoryAnalyzers.HeapSim.CPython.CPythonSizes.Generator, $"generator peak {generator.Peak} leaves out the generator object");
            Assert.True(list.Allocated > generator.Allocated, "the list's item arrays are allocated on top of the same squares");
        }

        [Fact]
        public void Slots_take_the_least_memory_and_a_dict_per_instance_the_most()
            => Assert.StartsWith("class with __slots__ takes", Verdict(DataStructures.Records()));

        [Fact]
        public void Freeing_half_the_small_objects_leaves_arenas_partly_empty()
        {
            var rows = ((TableBlock)Collector.Arenas().First(b => b is TableBlock)).Rows;
            Assert.Equal(rows[0][2], rows[1][2]); // the same arenas stay allocated
            Assert.True(double.Parse(rows[1][5].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)
                > double.Parse(rows[0][5].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
