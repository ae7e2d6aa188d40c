using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>Live objects of one type.</summary>
    /// <param name="TypeName">Type name.</param>
    /// <param name="Count">Number of objects.</param>
    /// <param name="Bytes">Their total shallow size.</param>
    public readonly record struct TypeRow(string TypeName, long Count, long Bytes);

    /// <summary>The heap grouped by type, largest first, like guppy's <c>hpy().heap()</c>.</summary>
    public sealed class TypeSummary
    {
        private TypeSummary(IReadOnlyList<TypeRow> rows, long totalCount, long totalBytes)
        {
            Rows = rows;
            TotalCount = totalCount;
            TotalBytes = totalBytes;
        }

        /// <summary>One row per type, by descending bytes then name.</summary>
        public IReadOnlyList<TypeRow> Rows { get; }

        /// <summary>Number of live objects.</summary>
        public long TotalCount { get; }

        /// <summary>Bytes of live objects.</summary>
        public long TotalBytes { get; }

        /// <summary>Groups the live objects of a heap by type.</summary>
        public static TypeSummary Take(ISimHeap heap)
        {
            var byType = new Dictionary<string, (long Count, long Bytes)>();
            long count = 0;
            long bytes = 0;
            foreach (ObjectId id in heap.LiveObjectIds())
            {
                string name = heap.TypeOf(id).Name;
                long size = heap.SizeOf(id);
                byType.TryGetValue(name, out (long Count, long Bytes) row);
                byType[name] = (row.Count + 1, row.Bytes + size);
                count++;
                bytes += size;
            }

            var rows = new List<TypeRow>(byType.Count);
            foreach (KeyValuePair<string, (long Count, long Bytes)> pair in byType)
            {
                rows.Add(new TypeRow(pair.Key, pair.Value.Count, pair.Value.Bytes));
            }

            rows.Sort((a, b) => a.Bytes != b.Bytes ? b.Bytes.CompareTo(a.Bytes) : string.CompareOrdinal(a.TypeName, b.TypeName));
            return new TypeSummary(rows, count, bytes);
        }

        /// <summary>Renders the summary in guppy's layout.</summary>
        public string Render()
        {
            CultureInfo inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append(inv, $"Partition of a set of {TotalCount} objects. Total size = {TotalBytes} bytes.\n");
            sb.Append(" Index  Count   %     Size   % Cumulative  % Kind (class / dict of class)\n");
            long cumulative = 0;
            for (int i = 0; i < Rows.Count; i++)
            {
                TypeRow row = Rows[i];
                cumulative += row.Bytes;
                sb.Append(inv, $"{i,6} {row.Count,6} {Percent(row.Count, TotalCount),3} {row.Bytes,8} {Percent(row.Bytes, TotalBytes),3} {cumulative,10} {Percent(cumulative, TotalBytes),3} {row.TypeName}\n");
            }

            return sb.ToString();
        }

        private static long Percent(long part, long whole) => whole == 0 ? 0 : part * 100 / whole;
    }
}
