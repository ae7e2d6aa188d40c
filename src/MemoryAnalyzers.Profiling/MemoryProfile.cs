using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>
    /// A step-by-step memory profile of the code between <see cref="Start"/> and each <see cref="Mark"/>, like Python's
    /// memory_profiler: bytes allocated, collections per generation, large-object-heap bytes, heap size, optionally the
    /// bytes still reachable, and time, per step. Not thread-safe: one thread marks.
    /// <code>
    /// using var profile = MemoryProfile.Start();
    /// var lines = File.ReadAllLines(path);
    /// profile.Mark("read");
    /// var words = lines.SelectMany(l => l.Split(' ')).ToList();
    /// profile.Mark("split");
    /// Console.WriteLine(profile.ToTable());
    /// </code>
    /// </summary>
    public sealed class MemoryProfile : IDisposable
    {
        private readonly MemoryProfileOptions _options;
        private readonly List<MemoryStep> _steps = new();
        private readonly Stopwatch _watch = new();
        private readonly LargeObjectHeapMeter? _largeObjectHeap;
        private GcCounters _start;
        private bool _disposed;

        private MemoryProfile(MemoryProfileOptions options)
        {
            _options = options;
            _largeObjectHeap = options.LargeObjectHeap ? LargeObjectHeapMeter.Start() : null;
            if (options.Retained)
            {
                GcCounters.CollectFully();
                _largeObjectHeap?.Restart();
            }

            Restart();
        }

        /// <summary>The steps marked so far, in order.</summary>
        public IReadOnlyList<MemoryStep> Steps => _steps;

        /// <summary>The options this profile measures with.</summary>
        public MemoryProfileOptions Options => _options;

        /// <summary>Starts a profile; the first step runs from here to the first <see cref="Mark"/>.</summary>
        public static MemoryProfile Start(MemoryProfileOptions? options = null) => new(options ?? new MemoryProfileOptions());

        /// <summary>Ends the current step, names it, and starts the next one.</summary>
        public MemoryStep Mark(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(MemoryProfile));
            }

            // Read the counters first, before anything of the profile's own allocates or collects.
            _watch.Stop();
            var end = GcCounters.Read(_options.Scope);

            long? largeObjectHeap = null;
            var exact = true;
            if (_largeObjectHeap is not null)
            {
                largeObjectHeap = _largeObjectHeap.Read();
                exact = _largeObjectHeap.Exact;
            }

            var heap = InUse(GC.GetGCMemoryInfo(GCKind.Any), _largeObjectHeap is not null);
            long? retained = null;
            if (_options.Retained)
            {
                GcCounters.CollectFully();
                retained = InUse(GC.GetGCMemoryInfo(GCKind.Any), afterCollection: true);
            }

            var step = new MemoryStep(
                name,
                end.AllocatedBytes - _start.AllocatedBytes,
                end.Gen0 - _start.Gen0,
                end.Gen1 - _start.Gen1,
                end.Gen2 - _start.Gen2,
                largeObjectHeap,
                exact,
                heap,
                retained,
                _watch.Elapsed);
            _steps.Add(step);

            if (_options.Retained)
            {
                _largeObjectHeap?.Restart();
            }

            Restart();
            return step;
        }

        /// <summary>The steps as a text table, one row per step and a total.</summary>
        public string ToTable() => ProfileRendering.Table(_steps, _options);

        /// <summary>The steps as an SVG bar chart: bytes allocated per step, the large-object part, and the heap size after it.</summary>
        public string ToSvg() => ProfileRendering.Svg(_steps);

        /// <summary>Stops the profile; further marks throw.</summary>
        public void Dispose()
        {
            _disposed = true;
            _watch.Stop();
            _largeObjectHeap?.Dispose();
        }

        private void Restart()
        {
            _start = GcCounters.Read(_options.Scope);
            _watch.Restart();
        }

        private static long InUse(GCMemoryInfo info, bool afterCollection)
            => afterCollection ? info.HeapSizeBytes - info.FragmentedBytes : GC.GetTotalMemory(forceFullCollection: false);
    }
}
