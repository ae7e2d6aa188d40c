using System;
using System.Globalization;
using System.Security;
using System.Text;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>SVG rendering of a <see cref="Timeline"/>: axes, labels, the live-bytes line and collection markers.</summary>
    internal static class TimelineSvg
    {
        private const int Left = 80;
        private const int Right = 20;
        private const int Top = 36;
        private const int Bottom = 48;
        private const int MaxPoints = 2000;
        private const int MaxMarkers = 200;

        public static string Render(Timeline timeline, int width, int height, string title)
        {
            CultureInfo inv = CultureInfo.InvariantCulture;
            int plotWidth = width - Left - Right;
            int plotHeight = height - Top - Bottom;
            var samples = timeline.Samples;
            long minClock = samples.Count > 0 ? samples[0].Clock : 0;
            long maxClock = Math.Max(minClock + 1, samples.Count > 0 ? samples[^1].Clock : 1);
            long maxBytes = Math.Max(1, timeline.PeakLiveBytes);

            double X(long clock) => Left + ((double)(clock - minClock) / (maxClock - minClock) * plotWidth);
            double Y(long bytes) => Top + plotHeight - ((double)bytes / maxBytes * plotHeight);

            var sb = new StringBuilder();
            sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
            sb.Append(inv, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
            sb.Append(inv, $"<text x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{SecurityElement.Escape(title)}</text>\n");
            sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n");
            sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{maxBytes}</text>\n");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight + 4}\" text-anchor=\"end\">0</text>\n");
            sb.Append(inv, $"<text x=\"{Left}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{minClock}</text>\n");
            sb.Append(inv, $"<text x=\"{Left + plotWidth}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{maxClock}</text>\n");
            sb.Append(inv, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{height - 10}\" text-anchor=\"middle\">operation (logical clock)</text>\n");
            sb.Append(inv, $"<text x=\"16\" y=\"{Top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Top + (plotHeight / 2)})\">live bytes</text>\n");

            int markerStep = Math.Max(1, (timeline.Collections.Count + MaxMarkers - 1) / MaxMarkers);
            for (int i = 0; i < timeline.Collections.Count; i += markerStep)
            {
                TimelineCollection c = timeline.Collections[i];
                string color = c.Generation == 0 ? "#f0a000" : c.Generation == 1 ? "#e06000" : "#c00000";
                sb.Append(inv, $"<line x1=\"{X(c.Clock):F1}\" y1=\"{Top}\" x2=\"{X(c.Clock):F1}\" y2=\"{Top + plotHeight}\" stroke=\"{color}\" stroke-dasharray=\"3,3\"><title>gen{c.Generation} collection: {c.Unreachable} objects, {c.FreedBytes} bytes</title></line>\n");
            }

            sb.Append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" points=\"");
            int step = Math.Max(1, (samples.Count + MaxPoints - 1) / MaxPoints);
            for (int i = 0; i < samples.Count; i += step)
            {
                sb.Append(inv, $"{X(samples[i].Clock):F1},{Y(samples[i].LiveBytes):F1} ");
            }

            if (samples.Count > 0 && (samples.Count - 1) % step != 0)
            {
                sb.Append(inv, $"{X(samples[^1].Clock):F1},{Y(samples[^1].LiveBytes):F1}");
            }

            sb.Append("\"/>\n");
            sb.Append(inv, $"<text x=\"{Left + plotWidth}\" y=\"{Top - 6}\" text-anchor=\"end\">peak {timeline.PeakLiveBytes} bytes, {timeline.Allocations} allocations, {timeline.Collections.Count} collections</text>\n");
            sb.Append("</svg>\n");
            return sb.ToString();
        }
    }
}
