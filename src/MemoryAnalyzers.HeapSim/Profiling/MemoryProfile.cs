using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>One profiled step.</summary>
    /// <param name="Line">Line number (1-based).</param>
    /// <param name="Contents">The source text of the step.</param>
    /// <param name="MemoryBytes">Heap footprint after the step.</param>
    /// <param name="IncrementBytes">Change of the footprint caused by the step.</param>
    /// <param name="Occurrences">Times the step ran.</param>
    public readonly record struct ProfileLine(int Line, string Contents, long MemoryBytes, long IncrementBytes, int Occurrences);

    /// <summary>
    /// memory_profiler's line-by-line report: run steps against a heap and record its footprint
    /// (<see cref="ISimHeap.FootprintBytes"/>, the simulated RSS) and the increment after each.
    /// </summary>
    public sealed class MemoryProfile
    {
        private readonly ISimHeap _heap;
        private readonly List<ProfileLine> _lines = new();

        /// <summary>Profiles steps run on <paramref name="heap"/>.</summary>
        public MemoryProfile(ISimHeap heap) => _heap = heap ?? throw new ArgumentNullException(nameof(heap));

        /// <summary>The steps recorded so far.</summary>
        public IReadOnlyList<ProfileLine> Lines => _lines;

        /// <summary>Runs one step and records the footprint after it.</summary>
        public MemoryProfile Step(string contents, Action<ISimHeap> action, int occurrences = 1)
        {
            ArgumentNullException.ThrowIfNull(action);
            long before = _heap.FootprintBytes;
            action(_heap);
            long after = _heap.FootprintBytes;
            _lines.Add(new ProfileLine(_lines.Count + 1, contents, after, after - before, occurrences));
            return this;
        }

        /// <summary>Renders the report in memory_profiler's layout (MiB).</summary>
        public string Render()
        {
            CultureInfo inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append("Line #    Mem usage    Increment  Occurrences   Line Contents\n");
            sb.Append("=============================================================\n");
            foreach (ProfileLine line in _lines)
            {
                sb.Append(inv, $"{line.Line,6} {Mib(line.MemoryBytes),9:F4} MiB {Mib(line.IncrementBytes),9:F4} MiB {line.Occurrences,12}   {line.Contents}\n");
            }

            return sb.ToString();
        }

        private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);
    }
}
