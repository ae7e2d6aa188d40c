using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>Change of one type between two snapshots.</summary>
    /// <param name="TypeName">Type name.</param>
    /// <param name="CountDelta">Change in object count.</param>
    /// <param name="BytesDelta">Change in bytes.</param>
    public readonly record struct TypeDelta(string TypeName, long CountDelta, long BytesDelta);

    /// <summary>
    /// pympler's <c>SummaryTracker</c>: remembers the last summary and reports what changed since, per type.
    /// Owns nothing in the heap; each call takes a fresh <see cref="TypeSummary"/>.
    /// </summary>
    public sealed class SummaryTracker
    {
        private readonly ISimHeap _heap;
        private Dictionary<string, TypeRow> _last;

        /// <summary>Starts tracking; the first diff is relative to the heap as it is now.</summary>
        public SummaryTracker(ISimHeap heap)
        {
            _heap = heap ?? throw new ArgumentNullException(nameof(heap));
            _last = Index(TypeSummary.Take(heap));
        }

        /// <summary>Changes since the previous call (or construction), largest byte change first; unchanged types omitted.</summary>
        public IReadOnlyList<TypeDelta> Diff()
        {
            Dictionary<string, TypeRow> now = Index(TypeSummary.Take(_heap));
            var deltas = new List<TypeDelta>();
            foreach (KeyValuePair<string, TypeRow> pair in now)
            {
                _last.TryGetValue(pair.Key, out TypeRow before);
                Add(deltas, pair.Key, pair.Value.Count - before.Count, pair.Value.Bytes - before.Bytes);
            }

            foreach (KeyValuePair<string, TypeRow> pair in _last)
            {
                if (!now.ContainsKey(pair.Key))
                {
                    Add(deltas, pair.Key, -pair.Value.Count, -pair.Value.Bytes);
                }
            }

            deltas.Sort((a, b) => a.BytesDelta != b.BytesDelta ? b.BytesDelta.CompareTo(a.BytesDelta) : string.CompareOrdinal(a.TypeName, b.TypeName));
            _last = now;
            return deltas;
        }

        /// <summary><c>print_diff()</c>: the diff as pympler's table.</summary>
        public string PrintDiff() => Render(Diff());

        /// <summary>Renders deltas in pympler's layout.</summary>
        public static string Render(IReadOnlyList<TypeDelta> deltas)
        {
            CultureInfo inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append("                   types |   # objects |   total size\n");
            sb.Append("======================== | =========== | ============\n");
            foreach (TypeDelta d in deltas)
            {
                sb.Append(inv, $"{d.TypeName,24} | {d.CountDelta,11} | {FormatBytes(d.BytesDelta),12}\n");
            }

            return sb.ToString();
        }

        /// <summary>Bytes as pympler prints them (B, KB, MB).</summary>
        public static string FormatBytes(long bytes)
        {
            CultureInfo inv = CultureInfo.InvariantCulture;
            long magnitude = Math.Abs(bytes);
            return magnitude < 1024 ? string.Create(inv, $"{bytes} B")
                : magnitude < 1024 * 1024 ? string.Create(inv, $"{bytes / 1024.0:F2} KB")
                : string.Create(inv, $"{bytes / (1024.0 * 1024.0):F2} MB");
        }

        private static void Add(List<TypeDelta> deltas, string name, long count, long bytes)
        {
            if (count != 0 || bytes != 0)
            {
                deltas.Add(new TypeDelta(name, count, bytes));
            }
        }

        private static Dictionary<string, TypeRow> Index(TypeSummary summary)
        {
            var map = new Dictionary<string, TypeRow>(StringComparer.Ordinal);
            foreach (TypeRow row in summary.Rows)
            {
                map[row.TypeName] = row;
            }

            return map;
        }
    }
}
