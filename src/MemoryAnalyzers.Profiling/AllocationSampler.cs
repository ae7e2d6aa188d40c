using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>The element type of the sampler's sentinel allocations, recognisable by name in the runtime's events.</summary>
    internal struct AllocationSamplerSentinel
    {
#pragma warning disable CS0169 // Never read: it only gives the struct its 8 bytes.
        private long _value;
#pragma warning restore CS0169
    }

    /// <summary>The sampled allocations of one type (and heap) in an <see cref="AllocationSamples"/>.</summary>
    /// <param name="TypeName">The type of the object whose allocation crossed the sampling threshold.</param>
    /// <param name="LargeObjectHeap">Whether those objects went to the large object heap.</param>
    /// <param name="Samples">Allocation-tick events for the type.</param>
    /// <param name="SampledBytes">
    /// The bytes those events account for: each event carries the bytes allocated since the previous one (about 100 KiB),
    /// attributed to the type of the object that crossed the threshold, so a type's share is proportional to how much of it
    /// is allocated, on average.
    /// </param>
    public sealed record AllocationSample(string TypeName, bool LargeObjectHeap, long Samples, long SampledBytes);

    /// <summary>What an <see cref="AllocationSampler"/> saw, by type, most sampled bytes first.</summary>
    public sealed class AllocationSamples
    {
        internal AllocationSamples(IReadOnlyList<AllocationSample> types, TimeSpan elapsed)
        {
            Types = types;
            Elapsed = elapsed;
        }

        /// <summary>Sampled allocations by type and heap, most bytes first.</summary>
        public IReadOnlyList<AllocationSample> Types { get; }

        /// <summary>All sampled bytes.</summary>
        public long SampledBytes => Types.Sum(t => t.SampledBytes);

        /// <summary>How long the sampler listened.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The sampled bytes of one type on either heap.</summary>
        public long SampledBytesOf(string typeName) => Types.Where(t => t.TypeName == typeName).Sum(t => t.SampledBytes);

        /// <summary>
        /// The sampled bytes of one type on either heap. The runtime names a top-level type by its full name and a nested
        /// type by its own name only.
        /// </summary>
        public long SampledBytesOf(Type type)
        {
            if (type is null)
            {
                throw new ArgumentNullException(nameof(type));
            }

            return SampledBytesOf(type.IsNested ? type.Name : type.FullName ?? type.Name);
        }

        /// <summary>The <paramref name="top"/> types as a text table.</summary>
        public string ToTable(int top = 20)
        {
            var total = Math.Max(1, SampledBytes);
            var rows = Types.Take(top)
                .Select(t => new[]
                {
                    t.TypeName,
                    t.LargeObjectHeap ? "LOH" : "SOH",
                    TextTable.Count(t.Samples),
                    TextTable.Bytes(t.SampledBytes),
                    (100.0 * t.SampledBytes / total).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %",
                })
                .ToList();
            rows.Add(new[] { $"total ({Types.Count} types)", "", TextTable.Count(Types.Sum(t => t.Samples)), TextTable.Bytes(SampledBytes), "" });
            return TextTable.Render(new[] { "type", "heap", "samples", "sampled bytes", "share" }, rows, rightAligned: 2);
        }
    }

    /// <summary>
    /// Samples the allocations of a region of code by type: an <see cref="EventListener"/> on the runtime's GC
    /// allocation-tick events (one about every 100 KiB allocated, per heap), aggregated by type and heap. Process-wide:
    /// it sees every thread. Cheap enough to leave on around a region; the docs give the measured overhead.
    /// <code>
    /// using var sampler = AllocationSampler.Start();
    /// RunTheWorkload();
    /// Console.WriteLine(sampler.Stop().ToTable());
    /// </code>
    /// </summary>
    public sealed class AllocationSampler : IDisposable
    {
        private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private const int AllocationTickEvent = 10;

        // 14,000 × 8 bytes: a large-object allocation over the 100 KiB tick, so each sentinel is an event of its own.
        private const int SentinelLength = 14_000;

        private readonly Listener _listener;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private AllocationSamples? _result;

        private AllocationSampler()
        {
            if (AppContext.TryGetSwitch("System.Diagnostics.Tracing.EventSource.IsSupported", out var supported) && !supported)
            {
                throw new ProfilingUnavailableException(
                    "The runtime's event source",
                    "allocation sampling listens to the runtime's GC events, and EventSource support is turned off in this app (System.Diagnostics.Tracing.EventSource.IsSupported=false, the EventSourceSupport build property).");
            }

            _listener = new Listener();
            if (!_listener.Pump(_listener.Started, Timeout))
            {
                _listener.Dispose();
                throw new ProfilingUnavailableException(
                    "The runtime's event source",
                    $"allocation sampling listens to the GC events of {RuntimeSource}, and none arrived within {Timeout.TotalSeconds:0} s (EventPipe may be disabled, e.g. DOTNET_EnableEventPipe=0, or the runtime has no event support).");
            }
        }

        private static TimeSpan Timeout => TimeSpan.FromSeconds(10);

        /// <summary>Starts listening.</summary>
        public static AllocationSampler Start() => new();

        /// <summary>Stops listening and returns what was sampled. Later calls return the same result.</summary>
        public AllocationSamples Stop()
        {
            if (_result is not null)
            {
                return _result;
            }

            _watch.Stop();

            // The runtime hands its events to listeners on a dispatch thread, later than they happen (and disposing the
            // listener drops what has not arrived yet): a sentinel allocation made now arrives after every event of the region.
            _listener.Stopping = true;
            var complete = _listener.Pump(_listener.Stopped, Timeout);
            _listener.Dispose();
            if (!complete)
            {
                throw new ProfilingUnavailableException("The runtime's event source", $"the GC events of {RuntimeSource} stopped arriving; the samples are incomplete.");
            }

            _result = new AllocationSamples(_listener.Aggregate(), _watch.Elapsed);
            return _result;
        }

        /// <summary>Stops listening (same as <see cref="Stop"/>, without the result).</summary>
        public void Dispose() => Stop();

        private sealed class Listener : EventListener
        {
            // Initialised before the base constructor runs, which already reports the existing event sources.
            private readonly object _gate = new();
            private readonly Dictionary<(string Type, bool Large), (long Samples, long Bytes)> _byType = new();
            private int _state; // 0: waiting for the first sentinel, 1: counting, 2: done.

            public ManualResetEventSlim Started { get; } = new();

            public ManualResetEventSlim Stopped { get; } = new();

            public volatile bool Stopping;

            /// <summary>
            /// Allocates sentinels (large arrays of a type of this library's own, each large enough for an allocation tick of
            /// its own) until one has come through the runtime's dispatch thread and set <paramref name="seen"/>.
            /// </summary>
            public bool Pump(ManualResetEventSlim seen, TimeSpan timeout)
            {
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < timeout)
                {
                    GC.KeepAlive(new AllocationSamplerSentinel[SentinelLength]);
                    if (seen.Wait(20))
                    {
                        return true;
                    }
                }

                return false;
            }

            public List<AllocationSample> Aggregate()
            {
                lock (_gate)
                {
                    return _byType
                        .Select(p => new AllocationSample(p.Key.Type, p.Key.Large, p.Value.Samples, p.Value.Bytes))
                        .OrderByDescending(s => s.SampledBytes)
                        .ThenBy(s => s.TypeName, StringComparer.Ordinal)
                        .ToList();
                }
            }

            public override void Dispose()
            {
                base.Dispose();
                Started.Dispose();
                Stopped.Dispose();
            }

            protected override void OnEventSourceCreated(EventSource eventSource)
            {
                if (eventSource.Name == RuntimeSource)
                {
                    EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
                }
            }

            protected override void OnEventWritten(EventWrittenEventArgs e)
            {
                if (e.EventId != AllocationTickEvent || e.Payload is null || e.PayloadNames is null)
                {
                    return;
                }

                string? type = null;
                long amount = 0;
                var large = false;
                for (var i = 0; i < e.PayloadNames.Count; i++)
                {
                    switch (e.PayloadNames[i])
                    {
                        case "TypeName":
                            type = e.Payload[i] as string;
                            break;
                        case "AllocationAmount64":
                            amount = Convert.ToInt64(e.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                            break;
                        case "AllocationKind":
                            // 0 small object heap, 1 large object heap, 2 pinned object heap.
                            large = Convert.ToInt32(e.Payload[i], System.Globalization.CultureInfo.InvariantCulture) == 1;
                            break;
                    }
                }

                if (type is not null && type.Contains(nameof(AllocationSamplerSentinel), StringComparison.Ordinal))
                {
                    if (_state == 0)
                    {
                        _state = 1;
                        Started.Set();
                    }
                    else if (_state == 1 && Stopping)
                    {
                        _state = 2;
                        Stopped.Set();
                    }

                    return;
                }

                if (_state != 1)
                {
                    return;
                }

                var key = (string.IsNullOrEmpty(type) ? "<unknown type>" : type!, large);
                lock (_gate)
                {
                    _byType.TryGetValue(key, out var sum);
                    _byType[key] = (sum.Samples + 1, sum.Bytes + amount);
                }
            }
        }
    }
}
