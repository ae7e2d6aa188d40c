using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>Text and SVG renderings of a profile's steps.</summary>
    internal static class ProfileRendering
    {
        public static string Table(IReadOnlyList<MemoryStep> steps, MemoryProfileOptions options)
        {
            var header = new List<string> { "step", options.Scope == AllocationScope.CurrentThread ? "allocated (this thread)" : "allocated", "gen0/1/2", "LOH allocated", "heap after" };
            if (options.Retained)
            {
                header.Add("retained");
            }

            header.Add("time");
            var rows = new List<string[]>();
            foreach (var step in steps)
            {
                var row = new List<string>
                {
                    step.Name,
                    TextTable.Bytes(step.AllocatedBytes),
                    $"{step.Gen0Collections}/{step.Gen1Collections}/{step.Gen2Collections}",
                    step.LargeObjectHeapBytes is { } loh ? TextTable.Bytes(loh) + (step.LargeObjectHeapExact ? "" : " (at least)") : "-",
                    TextTable.Bytes(step.HeapSizeBytes),
                };
                if (options.Retained)
                {
                    row.Add(step.RetainedBytes is { } retained ? TextTable.Bytes(retained) : "-");
                }

                row.Add(TextTable.Milliseconds(step.Elapsed));
                rows.Add(row.ToArray());
            }

            if (steps.Count > 1)
            {
                var total = new List<string>
                {
                    "total",
                    TextTable.Bytes(steps.Sum(s => s.AllocatedBytes)),
                    $"{steps.Sum(s => s.Gen0Collections)}/{steps.Sum(s => s.Gen1Collections)}/{steps.Sum(s => s.Gen2Collections)}",
                    steps.All(s => s.LargeObjectHeapBytes is not null) ? TextTable.Bytes(steps.Sum(s => s.LargeObjectHeapBytes!.Value)) : "-",
                    "",
                };
                if (options.Retained)
                {
                    total.Add("");
                }

                total.Add(TextTable.Milliseconds(TimeSpan.FromTicks(steps.Sum(s => s.Elapsed.Ticks))));
                rows.Add(total.ToArray());
            }

            return TextTable.Render(header.ToArray(), rows, rightAligned: 1);
        }

        /// <summary>One row per step: a bar for the bytes allocated (its large-object part darker) and a mark for the heap size.</summary>
        public static string Svg(IReadOnlyList<MemoryStep> steps)
        {
            const int RowHeight = 28, Label = 160, Width = 520, Right = 220, Top = 30;
            var height = Top + steps.Count * RowHeight + 20;
            var max = Math.Max(1, steps.Count == 0 ? 1 : steps.Max(s => Math.Max(s.AllocatedBytes, s.HeapSizeBytes)));
            var svg = new StringBuilder();
            svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Label + Width + Right}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
            svg.Append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            svg.Append("  <text x=\"4\" y=\"16\" font-weight=\"bold\">bytes allocated per step (dark: large object heap; line: heap after the step)</text>\n");
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var y = Top + i * RowHeight;
                var allocated = Scale(step.AllocatedBytes, max, Width);
                var large = Scale(Math.Min(step.LargeObjectHeapBytes ?? 0, step.AllocatedBytes), max, Width);
                var heap = Scale(step.HeapSizeBytes, max, Width);
                svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"4\" y=\"{y + 16}\">{Escape(step.Name)}</text>\n");
                svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"{Label}\" y=\"{y + 4}\" width=\"{allocated:0.#}\" height=\"16\" fill=\"#6baed6\"><title>{TextTable.Bytes(step.AllocatedBytes)} allocated</title></rect>\n");
                svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"{Label}\" y=\"{y + 4}\" width=\"{large:0.#}\" height=\"16\" fill=\"#08519c\"><title>{TextTable.Bytes(step.LargeObjectHeapBytes ?? 0)} on the large object heap</title></rect>\n");
                svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{Label + heap:0.#}\" y1=\"{y + 1}\" x2=\"{Label + heap:0.#}\" y2=\"{y + 23}\" stroke=\"#d62728\" stroke-width=\"2\"><title>heap after: {TextTable.Bytes(step.HeapSizeBytes)}</title></line>\n");
                svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Label + Width + 6}\" y=\"{y + 16}\">{TextTable.Bytes(step.AllocatedBytes)}, {TextTable.Milliseconds(step.Elapsed)}</text>\n");
            }

            svg.Append("</svg>\n");
            return svg.ToString();
        }

        private static double Scale(long value, long max, int width) => Math.Max(0, value) * (double)width / max;

        private static string Escape(string text)
            => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }
}
