using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MemoryAnalyzers.Profiling;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>
    /// What each capability of MemoryAnalyzers.Profiling costs on this machine: the allocation sampler's overhead on an
    /// allocation-heavy workload, a mark of a step profile, starting and stopping the sampler, and a heap snapshot
    /// (time and the size of its temporary dump). Medians after a warm-up; docs/profiling.md quotes a run.
    /// </summary>
    public static class ProfilingCostReport
    {
        public static int Run(int repetitions)
        {
            var culture = CultureInfo.InvariantCulture;
            ProfilingWorkload.Run();

            // Alternate the two so that a change of the machine's load hits both alike.
            var plainRuns = new double[repetitions];
            var sampledRuns = new double[repetitions];
            long samples = 0;
            for (var i = 0; i < repetitions; i++)
            {
                plainRuns[i] = Time(() => ProfilingWorkload.Run());
                var sampler = AllocationSampler.Start();
                sampledRuns[i] = Time(() => ProfilingWorkload.Run());
                samples += sampler.Stop().Types.Sum(t => t.Samples);
            }

            var plain = Median(plainRuns);
            var sampled = Median(sampledRuns);
            var allocated = Measure(() => ProfilingWorkload.Run());
            Console.WriteLine(string.Create(culture, $"workload ({allocated / 1_000_000.0:0.0} MB allocated, {samples / repetitions} allocation samples): {plain:0.00} ms alone, {sampled:0.00} ms with the allocation sampler listening ({100 * (sampled - plain) / plain:+0;-0} %, {1000 * (sampled - plain) / Math.Max(1, samples / repetitions):0} µs per sample)"));

            var startStop = Median(repetitions, () => Time(() => AllocationSampler.Start().Stop()));
            Console.WriteLine(string.Create(culture, $"allocation sampler start + stop: {startStop:0.0} ms"));

            foreach (var (name, options) in new[]
            {
                ("mark, allocations only", new MemoryProfileOptions { LargeObjectHeap = false }),
                ("mark, with the large object heap (default)", new MemoryProfileOptions()),
                ("mark, with retained bytes", new MemoryProfileOptions { Retained = true }),
            })
            {
                using var profile = MemoryProfile.Start(options);
                var mark = Median(repetitions * 10, () => Time(() => profile.Mark("step")));
                Console.WriteLine(string.Create(culture, $"{name}: {mark * 1000:0} µs"));
            }

            for (var i = 0; i < Math.Min(repetitions, 3); i++)
            {
                var snapshot = HeapSnapshot.Take();
                Console.WriteLine(string.Create(culture, $"heap snapshot: {snapshot.Elapsed.TotalSeconds:0.00} s, temporary dump of {snapshot.DumpBytes / (1024.0 * 1024):0} MiB, {snapshot.Count:N0} live objects of {snapshot.Types.Count:N0} types ({snapshot.Bytes / (1024.0 * 1024):0.0} MiB)"));
            }

            return 0;
        }

        private static long Measure(Action action)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private static double Time(Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalMilliseconds;
        }

        private static double Median(int count, Func<double> sample) => Median(Enumerable.Range(0, count).Select(_ => sample()).ToArray());

        private static double Median(double[] samples)
        {
            var sorted = samples.OrderBy(x => x).ToArray();
            return sorted[sorted.Length / 2];
        }
    }
}
