using System;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>
    /// Memory assertions for tests in any framework: a failure throws <see cref="MemoryAssertionException"/> with the
    /// measured numbers in its message.
    /// </summary>
    public static class MemoryAssert
    {
        /// <summary>
        /// Runs <paramref name="action"/> and fails when it allocates more than <paramref name="maxBytes"/>. Counts the
        /// allocations of this thread only by default, so tests running in parallel do not disturb it; work the action
        /// hands to other threads counts with <see cref="AllocationScope.AllThreads"/>. The first call of a method can
        /// allocate for its one-time initialisation (static constructors, caches): call the action once before if that is
        /// not what the test is about.
        /// </summary>
        /// <returns>The bytes allocated.</returns>
        public static long AllocatesAtMost(long maxBytes, Action action, AllocationScope scope = AllocationScope.CurrentThread)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            var before = GcCounters.Allocated(scope);
            action();
            var allocated = GcCounters.Allocated(scope) - before;
            if (allocated > maxBytes)
            {
                var whose = scope == AllocationScope.CurrentThread ? "on this thread" : "by all threads";
                throw new MemoryAssertionException(
                    $"Expected at most {TextTable.Bytes(maxBytes)} allocated, but the action allocated {TextTable.Bytes(allocated)} {whose} ({TextTable.Bytes(allocated - maxBytes)} more).");
            }

            return allocated;
        }

        /// <summary>
        /// Creates an object with <paramref name="create"/> in a frame that has returned, collects fully, and fails when the
        /// object is still alive: something the factory stored it in (a static field, an event handler, a cache, a
        /// long-lived closure) still references it. Reliable in Debug and Release builds.
        /// </summary>
        public static void IsCollected(Func<object> create)
        {
            if (!Reachability.IsCollected(create, out var typeName))
            {
                throw new MemoryAssertionException(
                    $"Expected the {typeName} to be collected, but it is still alive after 3 full blocking collections: something still references it (a static field, an event handler, a cache, a captured closure).");
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/> and fails when anything was allocated on the large object heap meanwhile (an object
        /// of 85,000 bytes or more, e.g. a <c>byte[84,976]</c>). Process-wide: a large allocation of another thread at the
        /// same time counts too. Induces a gen0 collection before and after the action.
        /// </summary>
        /// <returns>The bytes allocated on the large object heap (zero).</returns>
        public static long NoLargeObjectHeapAllocations(Action action)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            using var meter = LargeObjectHeapMeter.Start();
            action();
            var large = meter.Read();
            if (large > 0)
            {
                throw new MemoryAssertionException(
                    $"Expected no allocation on the large object heap, but {(meter.Exact ? "" : "at least ")}{TextTable.Bytes(large)} were allocated there (objects of 85,000 bytes or more; a byte[] reaches it from 84,976 elements).");
            }

            return large;
        }
    }
}
