using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>Plain-text tables with aligned columns, and the number formats every table of this library uses.</summary>
    internal static class TextTable
    {
        /// <summary>Exact bytes with thousands separators, in the invariant culture: "1,234,567 B".</summary>
        public static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";

        /// <summary>A signed byte difference: "+1,234 B", "-56 B", "0 B".</summary>
        public static string SignedBytes(long bytes) => (bytes > 0 ? "+" : "") + Bytes(bytes);

        public static string Signed(long value) => (value > 0 ? "+" : "") + value.ToString("N0", CultureInfo.InvariantCulture);

        public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        public static string Milliseconds(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";

        /// <summary>Columns from <paramref name="rightAligned"/> on are right-aligned (numbers); the ones before it left-aligned.</summary>
        public static string Render(string[] header, IReadOnlyList<string[]> rows, int rightAligned)
        {
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            var text = new StringBuilder();
            AppendRow(text, header, widths, rightAligned);
            text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            foreach (var row in rows)
            {
                AppendRow(text, row, widths, rightAligned);
            }

            return text.ToString();
        }

        private static void AppendRow(StringBuilder text, string[] cells, int[] widths, int rightAligned)
        {
            var padded = cells.Select((c, i) => i >= rightAligned ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
            text.Append(string.Join("  ", padded).TrimEnd()).Append('\n');
        }
    }
}
