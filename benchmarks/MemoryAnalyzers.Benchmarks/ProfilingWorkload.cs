using System.Collections.Generic;
using System.Globalization;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>
    /// An allocation-heavy workload for the profiling library's overhead: about 26 MB of small strings and lists per
    /// run, so that the allocation sampler gets an event every few microseconds of work, its worst case.
    /// </summary>
    public static class ProfilingWorkload
    {
        public static int Run()
        {
            var total = 0;
            for (var round = 0; round < 100; round++)
            {
                var words = new List<string>();
                for (var i = 0; i < 2_000; i++)
                {
                    words.Add("word" + i.ToString(CultureInfo.InvariantCulture));
                }

                total += string.Join(",", words).Length;
            }

            return total;
        }
    }
}
