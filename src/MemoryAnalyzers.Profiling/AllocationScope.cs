namespace MemoryAnalyzers.Profiling
{
    /// <summary>Whose allocations a measurement counts.</summary>
    public enum AllocationScope
    {
        /// <summary>Every thread of the process (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).</summary>
        AllThreads,

        /// <summary>Only the thread that measures (<c>GC.GetAllocatedBytesForCurrentThread()</c>): immune to other threads' work.</summary>
        CurrentThread,
    }
}
