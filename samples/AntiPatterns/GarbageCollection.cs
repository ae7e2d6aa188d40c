using System;
using System.Collections.Generic;
using System.Runtime;

namespace AntiPatterns
{
    /// <summary>MEM010 and MEM011: forced collections, and process-wide GC settings that an exception leaves changed.</summary>
    public sealed class GarbageCollection
    {
        private readonly List<string> _cache = new List<string>();

        public void Reload(int count)
        {
            _cache.Clear();
            for (var i = 0; i < count; i++)
            {
                _cache.Add(i.ToString());
            }

            // Free what the old cache held.
            GC.Collect(); // MEM010
            GC.WaitForPendingFinalizers();
            GC.Collect(); // MEM010
        }

        public int RenderFrame()
        {
            GC.TryStartNoGCRegion(1_000_000); // MEM011
            var drawn = _cache.Count;
            GC.EndNoGCRegion();
            return drawn;
        }

        public int Import()
        {
            var previous = GCSettings.LatencyMode;
            var total = 0;
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency; // MEM011
            total += _cache.Count;
            GCSettings.LatencyMode = previous;
            return total;
        }

        public static void Run()
        {
            var sample = new GarbageCollection();
            sample.Reload(100);
            Console.WriteLine(sample.RenderFrame() + sample.Import());
            using var buffer = new NativeBuffer(4096);
        }
    }

    /// <summary>MEM011: pressure added for unmanaged memory and never removed, so the collector counts it for ever.</summary>
    public sealed class NativeBuffer : IDisposable
    {
        public NativeBuffer(long size)
        {
            GC.AddMemoryPressure(size); // MEM011
        }

        public void Dispose()
        {
        }
    }
}
