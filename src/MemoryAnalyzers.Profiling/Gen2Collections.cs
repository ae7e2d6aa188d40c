using System;
using System.Collections.Generic;
using System.Threading;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>One gen2 collection as the large object heap saw it: bytes in use on it before and after.</summary>
    internal readonly record struct Gen2Collection(long Index, long LargeObjectsBefore, long LargeObjectsAfter);

    /// <summary>
    /// Records every gen2 collection while some meter needs it. The collector only keeps the figures of the last
    /// collection of each kind, so a finalizable sentinel that re-registers itself (the runtime's own Gen2GcCallback
    /// pattern) copies them after each gen2: once it has reached gen2 itself, its finalizer runs after every gen2
    /// collection, on the finalizer thread.
    /// </summary>
    internal static class Gen2Collections
    {
        private const int LargeObjectHeap = 3;
        private const int Kept = 4096;

        private static readonly object s_gate = new();
        private static readonly List<Gen2Collection> s_seen = new();
        private static int s_users;

        /// <summary>Starts recording (counted: recording stops when every user has called <see cref="Release"/>).</summary>
        public static void Acquire()
        {
            if (Interlocked.Increment(ref s_users) == 1)
            {
                Record();
                _ = new Sentinel();
            }
        }

        public static void Release() => Interlocked.Decrement(ref s_users);

        /// <summary>The gen2 collections with an index in (<paramref name="after"/>, <paramref name="before"/>), oldest first.</summary>
        public static List<Gen2Collection> Between(long after, long before)
        {
            // A gen2 that just happened may not have reached the finalizer thread yet: read the last ones here too.
            Record();
            lock (s_gate)
            {
                return s_seen.FindAll(c => c.Index > after && c.Index < before);
            }
        }

        public static long InUseBefore(GCMemoryInfo info)
        {
            var loh = info.GenerationInfo[LargeObjectHeap];
            return loh.SizeBeforeBytes - loh.FragmentationBeforeBytes;
        }

        public static long InUseAfter(GCMemoryInfo info)
        {
            var loh = info.GenerationInfo[LargeObjectHeap];
            return loh.SizeAfterBytes - loh.FragmentationAfterBytes;
        }

        private static void Record()
        {
            var fullBlocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            lock (s_gate)
            {
                Add(fullBlocking);
                Add(background);
            }
        }

        private static void Add(GCMemoryInfo info)
        {
            if (info.Index == 0 || s_seen.Exists(c => c.Index == info.Index))
            {
                return;
            }

            var at = s_seen.FindLastIndex(c => c.Index < info.Index) + 1;
            s_seen.Insert(at, new Gen2Collection(info.Index, InUseBefore(info), InUseAfter(info)));
            if (s_seen.Count > Kept)
            {
                s_seen.RemoveAt(0);
            }
        }

        private sealed class Sentinel
        {
            ~Sentinel()
            {
                if (Volatile.Read(ref s_users) == 0 || Environment.HasShutdownStarted)
                {
                    return;
                }

                Record();
                GC.ReRegisterForFinalize(this);
            }
        }
    }
}
