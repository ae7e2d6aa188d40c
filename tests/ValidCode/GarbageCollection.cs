using System;
using System.Runtime;

namespace ValidCode
{
    /// <summary>Collections the runtime may decline, and GC settings undone on every path: MEM010 and MEM011 must leave them alone.</summary>
    public sealed class GarbageCollection
    {
        private int _frames;

        public static void MaybeCollect() => GC.Collect(2, GCCollectionMode.Optimized, blocking: false);

        public static void CompactLargeObjectHeap()
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect();
        }

        public static long Measure() => GC.GetTotalMemory(forceFullCollection: false) + GC.CollectionCount(0);

        public void RenderFrame()
        {
            if (GC.TryStartNoGCRegion(1_000_000))
            {
                try
                {
                    _frames++;
                }
                finally
                {
                    if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                    {
                        GC.EndNoGCRegion();
                    }
                }
            }
        }

        public void Import()
        {
            var previous = GCSettings.LatencyMode;
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
            try
            {
                _frames++;
            }
            finally
            {
                GCSettings.LatencyMode = previous;
            }
        }
    }

    /// <summary>Pressure added for unmanaged memory and removed when the object is disposed or finalized.</summary>
    public sealed class NativeBuffer : IDisposable
    {
        private readonly long _size;
        private bool _disposed;

        public NativeBuffer(long size)
        {
            _size = size;
            GC.AddMemoryPressure(size);
        }

        ~NativeBuffer() => Release();

        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        private void Release()
        {
            if (!_disposed)
            {
                _disposed = true;
                GC.RemoveMemoryPressure(_size);
            }
        }
    }
}
