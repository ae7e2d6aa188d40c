using Xunit;

namespace MemoryAnalyzers.Profiling.Tests
{
    /// <summary>
    /// Tests that measure the whole process (all threads' allocations, the large object heap, the live heap, the runtime's
    /// events) run one at a time, after the parallel ones, so that no other test allocates meanwhile.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessWide
    {
        public const string Name = "Process-wide measurements";
    }
}
