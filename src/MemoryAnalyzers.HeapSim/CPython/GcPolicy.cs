namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Pure decision rules of CPython's generational cycle collector (<c>Modules/gcmodule.c</c>, 3.11).</summary>
    public static class GcPolicy
    {
        /// <summary>Default thresholds of <c>gc.get_threshold()</c>.</summary>
        public static (int Gen0, int Gen1, int Gen2) DefaultThresholds => (700, 10, 10);

        /// <summary>
        /// <c>_PyObject_GC_Link</c>: after a container allocation raises the gen-0 count, collect when
        /// <c>count &gt; threshold</c> (strictly: the 701st net allocation with the default 700), the collector is
        /// enabled, the threshold is non-zero and no collection is running.
        /// </summary>
        public static bool ShouldCollect(int gen0Count, int gen0Threshold, bool enabled, bool collecting) =>
            gen0Count > gen0Threshold && enabled && gen0Threshold != 0 && !collecting;

        /// <summary>
        /// <c>gc_collect_generations</c>: the oldest generation whose count exceeds its threshold, except that the
        /// oldest one is skipped while <c>long_lived_pending &lt; long_lived_total / 4</c> (integer division); -1 for none.
        /// </summary>
        public static int SelectGeneration(int[] counts, int[] thresholds, long longLivedPending, long longLivedTotal)
        {
            for (int i = counts.Length - 1; i >= 0; i--)
            {
                if (counts[i] > thresholds[i])
                {
                    if (i == counts.Length - 1 && longLivedPending < longLivedTotal / 4)
                    {
                        continue;
                    }

                    return i;
                }
            }

            return -1;
        }
    }
}
