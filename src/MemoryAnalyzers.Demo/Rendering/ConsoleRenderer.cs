using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MemoryAnalyzers.Demo.Pipeline;

namespace MemoryAnalyzers.Demo.Rendering
{
    /// <summary>Draws reports for an 80-column terminal; colour only where the terminal supports it and NO_COLOR is unset.</summary>
    internal sealed class ConsoleRenderer
    {
        public const int Width = 80;
        private static readonly string[] s_levels = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

        private readonly TextWriter _out;
        private readonly bool _colour;

        public ConsoleRenderer(TextWriter output, bool colour)
        {
            _out = output;
            _colour = colour;
        }

        /// <summary>The no-color.org convention, a dumb terminal, or output to a file or pipe all mean plain text.</summary>
        public static bool TerminalSupportsColour()
            => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && !Console.IsOutputRedirected
            && Environment.GetEnvironmentVariable("TERM") is not "dumb";

        public void Render(DemoReport report)
        {
            var heading = Clip($"━━ {report.Name} · {report.Title}", Width - 4) + " ";
            _out.WriteLine(Paint("1;36", heading + new string('━', Math.Max(3, Width - heading.Length))));
            foreach (var block in report.Blocks)
            {
                _out.WriteLine();
                switch (block)
                {
                    case TextBlock text:
                        foreach (var line in Wrap(text.Text, Width))
                        {
                            _out.WriteLine(line);
                        }

                        break;
                    case CodeBlock code:
                        RenderCode(code);
                        break;
                    case DiffBlock diff:
                        RenderDiff(diff);
                        break;
                    case TableBlock table:
                        RenderTable(table);
                        break;
                    case ChartBlock chart:
                        RenderChart(chart);
                        break;
                    case VerdictBlock verdict:
                        foreach (var line in Wrap("⇒ " + verdict.Text, Width))
                        {
                            _out.WriteLine(Paint("1;32", line));
                        }

                        break;
                }
            }

            _out.WriteLine();
        }

        private void Caption(string caption)
        {
            foreach (var line in Wrap(caption, Width))
            {
                _out.WriteLine(Paint("1", line));
            }
        }

        private void RenderCode(CodeBlock code)
        {
            Caption(code.Caption);
            var lines = code.Code.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                _out.WriteLine($"{i + 1,4} │ {Clip(lines[i], Width - 7)}");
                foreach (var highlight in code.Highlights.Where(h => h.Line == i + 1))
                {
                    var marker = new string(' ', highlight.Column - 1) + new string('^', highlight.Length) + " " + highlight.Label;
                    _out.WriteLine(Paint("1;31", "     │ " + Clip(marker, Width - 7)));
                }
            }
        }

        private void RenderDiff(DiffBlock diff)
        {
            Caption(diff.Caption);
            foreach (var line in diff.Lines)
            {
                var (prefix, colour) = line.Kind switch
                {
                    UnifiedDiff.LineKind.Added => ("+", "32"),
                    UnifiedDiff.LineKind.Removed => ("-", "31"),
                    _ => (line.Text == "@@" ? "" : " ", "2"),
                };
                _out.WriteLine(Paint(colour, Clip(prefix + line.Text, Width)));
            }
        }

        private void RenderTable(TableBlock table)
        {
            Caption(table.Caption);
            var widths = table.Headers.Select((header, column) => Math.Max(header.Length, table.Rows.Select(row => row[column].Length).DefaultIfEmpty(0).Max())).ToArray();
            var numeric = table.Headers.Select((_, column) => table.Rows.All(row => row[column].Length == 0 || LooksNumeric(row[column]))).ToArray();
            string Align(string text, int column) => numeric[column] ? text.PadLeft(widths[column]) : text.PadRight(widths[column]);
            _out.WriteLine(Paint("1", string.Join("  ", table.Headers.Select(Align)).TrimEnd()));
            _out.WriteLine(string.Join("  ", widths.Select(w => new string('─', w))));
            foreach (var row in table.Rows)
            {
                _out.WriteLine(string.Join("  ", row.Select(Align)).TrimEnd());
            }
        }

        private static bool LooksNumeric(string text) => text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-');

        private void RenderChart(ChartBlock chart)
        {
            Caption(chart.Caption);
            if (!chart.OverTime)
            {
                RenderBars(chart);
            }
            else
            {
                foreach (var series in chart.Series)
                {
                    RenderArea(series, chart.YLabel);
                }
            }
        }

        /// <summary>One bar per point and series, scaled to the largest value of the chart.</summary>
        private void RenderBars(ChartBlock chart)
        {
            var max = chart.Series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(1).Max();
            var nameWidth = chart.Series.Max(s => s.Name.Length);
            const int BarWidth = 40;
            foreach (var x in chart.Series.SelectMany(s => s.Points).Select(p => p.X).Distinct().OrderBy(x => x))
            {
                foreach (var series in chart.Series)
                {
                    var y = series.Points.FirstOrDefault(p => p.X == x).Y;
                    var eighths = max <= 0 ? 0 : (int)Math.Round(y / max * BarWidth * 8);
                    var bar = new string('█', eighths / 8) + (eighths % 8 > 0 ? s_levels[eighths % 8] : "");
                    if (bar.Length == 0 && y > 0)
                    {
                        bar = "▏";
                    }

                    var label = series == chart.Series[0] ? $"{chart.XLabel} = {Format.Count((long)x)}" : "";
                    _out.WriteLine($"{label,-14}{series.Name.PadRight(nameWidth)} {Paint(series == chart.Series[0] ? "31" : "32", bar.PadRight(BarWidth))} {FormatY(y, chart.YLabel)}");
                }
            }
        }

        /// <summary>A series of many points as an area chart of block characters, 60 columns by 6 rows.</summary>
        private void RenderArea(ChartSeries series, string yLabel)
        {
            const int Columns = 60;
            const int Rows = 6;
            var points = series.Points;
            var max = points.Select(p => p.Y).DefaultIfEmpty(1).Max();
            var columns = new double[Columns];
            for (var c = 0; c < Columns; c++)
            {
                var from = c * points.Count / Columns;
                var to = Math.Max(from + 1, (c + 1) * points.Count / Columns);
                columns[c] = points.Skip(from).Take(to - from).Select(p => p.Y).DefaultIfEmpty(0).Max();
            }

            _out.WriteLine($"{series.Name} (peak {FormatY(max, yLabel)})");
            for (var row = Rows - 1; row >= 0; row--)
            {
                var line = string.Concat(columns.Select(value =>
                {
                    var eighths = max <= 0 ? 0 : (int)Math.Round(value / max * Rows * 8) - (row * 8);
                    return eighths <= 0 ? " " : eighths >= 8 ? "█" : s_levels[eighths];
                }));
                var axis = row == Rows - 1 ? FormatY(max, yLabel) : row == 0 ? "0" : "";
                _out.WriteLine($"{axis,10} │{Paint("36", line)}");
            }

            _out.WriteLine($"{"",10} └{new string('─', Columns)} time");
        }

        private static string FormatY(double y, string unit) => unit == "bytes" ? Format.Bytes(y) : Format.Count((long)y) + " " + unit;

        private string Paint(string code, string text) => _colour ? $"\u001b[{code}m{text}\u001b[0m" : text;

        private static string Clip(string text, int width) => text.Length <= width ? text : text.Substring(0, width - 1) + "…";

        private static IEnumerable<string> Wrap(string text, int width)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line;
                    line = "  " + word;
                }
                else
                {
                    line = line.Length == 0 ? word : line + " " + word;
                }
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
