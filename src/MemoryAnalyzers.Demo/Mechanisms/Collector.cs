using System.Collections.Generic;
using System.Linq;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.CPython;

namespace MemoryAnalyzers.Demo.Mechanisms
{
    /// <summary>The tutorial's §2.3 and §2.4: the generational thresholds at work, and pymalloc's arenas, pools and blocks.</summary>
    internal static class Collector
    {
        public static IReadOnlyList<Block> Thresholds()
        {
            const int Containers = 40_000;
            var py = HeapSimulator.CreateCPython();
            var keep = py.NewList();
            py.StoreGlobal("keep", keep);
            py.Release(keep);
            // The count rises by one per surviving allocation and drops at each collection: the sawtooth's corners (the
            // count just before and just after each drop) draw it exactly, peaks at the threshold included.
            var gen0Counts = new List<(double X, double Y)> { (0, py.GetCount().Gen0) };
            var previous = py.GetCount().Gen0;
            for (var i = 0; i < Containers; i++)
            {
                // Every other container survives in 'keep'; the rest are garbage at once.
                var item = py.NewList();
                if (i % 2 == 0)
                {
                    py.Append(keep, item);
                }

                py.Release(item);
                var count = py.GetCount().Gen0;
                if (count < previous)
                {
                    gen0Counts.Add((i, previous));
                    gen0Counts.Add((i + 1, count));
                }

                previous = count;
            }

            gen0Counts.Add((Containers, previous));

            var stats = py.GetStats();
            var (t0, t1, t2) = py.GetThreshold();
            var rows = stats.Select((s, generation) => (IReadOnlyList<string>)new[]
            {
                generation.ToString(), Format.Count(s.Collections), Format.Count(s.Collected), Format.Count(py.TrackedCount(generation)),
            }).ToList();

            return new Block[]
            {
                new TextBlock($"gc.get_threshold() = ({t0}, {t1}, {t2}). A gen-0 collection runs when container allocations minus deallocations exceed {t0}; a gen-1 collection when gen 0 has been collected more than {t1} times; a full one when gen 1 has been collected more than {t2} times and enough long-lived objects are new."),
                new ChartBlock($"gc.get_count()[0] while allocating {Format.Count(Containers)} lists", "lists allocated", "count", new[] { new ChartSeries("gen-0 count", gen0Counts) }, OverTime: true),
                new TableBlock("gc.get_stats() afterwards", new[] { "generation", "collections", "collected", "tracked now" }, rows),
                new VerdictBlock($"{Format.Count(Containers)} list allocations ran {stats[0].Collections} gen-0, {stats[1].Collections} gen-1 and {stats[2].Collections} full collections"),
            };
        }

        public static IReadOnlyList<Block> Arenas()
        {
            var blocks = new List<Block>
            {
                new TextBlock("pymalloc serves requests of up to 512 bytes from size classes: blocks of one size in a pool, pools in an arena. Freeing every other object leaves pools half used: memory the process keeps but cannot give back."),
            };
            var rows = new List<IReadOnlyList<string>>();
            string? report = null;
            foreach (var profile in new[] { ObmallocProfile.Tutorial, ObmallocProfile.Modern })
            {
                var py = HeapSimulator.CreateCPython(profile);
                var objects = new List<ObjectId>();
                for (var i = 0; i < 30_000; i++)
                {
                    // ints, floats and short strings: the small objects a Python program is made of.
                    objects.Add((i % 3) switch
                    {
                        0 => py.NewInt(i * 1_000_003L),
                        1 => py.NewFloat(),
                        _ => py.NewStr(new string('x', i % 40)),
                    });
                }

                var full = py.MallocStats();
                for (var i = 0; i < objects.Count; i += 2)
                {
                    py.Release(objects[i]);
                }

                var half = py.MallocStats();
                rows.Add(new[] { profile.Name.Split(' ')[0], "30,000 objects", Format.Count(full.ArenasAllocated), Format.Count(full.FullPools + full.UsedPools), Format.Bytes(full.BytesInUse), Percent(full.Fragmentation) });
                rows.Add(new[] { "", "every other freed", Format.Count(half.ArenasAllocated), Format.Count(half.FullPools + half.UsedPools), Format.Bytes(half.BytesInUse), Percent(half.Fragmentation) });
                report ??= py.DebugMallocStats();
            }

            blocks.Add(new TableBlock("The same objects under the tutorial's and today's obmalloc constants", new[] { "profile", "state", "arenas", "pools in use", "bytes in use", "unused" }, rows));
            blocks.Add(new CodeBlock("sys._debugmallocstats() on the tutorial's profile, after freeing (first lines)", string.Join("\n", report!.Split('\n').Take(14)), new Highlight[0]));
            blocks.Add(new VerdictBlock($"freeing half the objects left the arenas in place: {rows[1][5]} of the tutorial profile's arena bytes now hold no live object"));
            return blocks;
        }

        private static string Percent(double fraction) => (fraction * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }
}
