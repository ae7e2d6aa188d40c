using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace MemoryAnalyzers.Demo.Rendering
{
    /// <summary>A line chart as a self-contained inline SVG element (no script), with axes, ticks and a legend.</summary>
    internal static class SvgChart
    {
        private static readonly string[] s_colours = { "#d62728", "#2ca02c", "#1f77b4", "#ff7f0e", "#9467bd" };

        public static string Render(ChartBlock chart, int width = 640, int height = 260)
        {
            const int Left = 80, Right = 20, Top = 20, Bottom = 50;
            var points = chart.Series.SelectMany(s => s.Points).ToList();
            var minX = points.Count == 0 ? 0 : points.Min(p => p.X);
            var maxX = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.X), minX + 1e-9);
            var maxY = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Y), 1e-9);
            var plotWidth = width - Left - Right;
            var plotHeight = height - Top - Bottom;
            string X(double x) => (Left + (x - minX) / (maxX - minX) * plotWidth).ToString("0.#", CultureInfo.InvariantCulture);
            string Y(double y) => (Top + plotHeight - y / maxY * plotHeight).ToString("0.#", CultureInfo.InvariantCulture);

            var svg = new StringBuilder();
            svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(chart.Caption)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>");
            for (var tick = 0; tick <= 4; tick++)
            {
                var value = maxY * tick / 4;
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 4}\" y1=\"{Y(value)}\" x2=\"{Left + plotWidth}\" y2=\"{Y(value)}\" stroke=\"#ddd\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(value)}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">{Escape(Label(value, chart.YLabel))}</text>");
                var x = minX + (maxX - minX) * tick / 4;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x)}\" y=\"{Top + plotHeight + 16}\" font-size=\"11\" text-anchor=\"middle\">{Escape(Format.Count((long)x))}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth / 2}\" y=\"{height - 8}\" font-size=\"12\" text-anchor=\"middle\">{Escape(chart.XLabel)}</text>");
            for (var i = 0; i < chart.Series.Count; i++)
            {
                var series = chart.Series[i];
                var colour = s_colours[i % s_colours.Length];
                var path = string.Join(" ", series.Points.Select(p => X(p.X) + "," + Y(p.Y)));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{path}\"/>");
                if (series.Points.Count <= 12)
                {
                    foreach (var p in series.Points)
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"3\" fill=\"{colour}\"/>");
                    }
                }

                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + 10}\" y=\"{Top + 6 + i * 16}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 26}\" y=\"{Top + 15 + i * 16}\" font-size=\"12\">{Escape(series.Name)}</text>");
            }

            return svg.Append("</svg>").ToString();
        }

        private static string Label(double value, string unit) => unit == "bytes" ? Format.Bytes(value) : Format.Count((long)value);

        private static string Escape(string text) => WebUtility.HtmlEncode(text);
    }
}
