using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using MemoryAnalyzers.Demo.Pipeline;

namespace MemoryAnalyzers.Demo.Rendering
{
    /// <summary>All reports as one self-contained HTML file: inline CSS and SVG, no scripts, no external resources.</summary>
    internal static class HtmlReport
    {
        private const string Style = """
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{border-bottom:2px solid #2b6cb0;padding-bottom:.2em;margin-top:2em}
            nav ul{columns:2}pre{background:#f6f8fa;padding:.8em;overflow-x:auto;font-size:13px;line-height:1.4}
            .ln{color:#999;user-select:none}mark{background:#fde2e1;border-bottom:2px wavy #d62728}
            .msg{font-family:ui-monospace,monospace;font-size:13px;background:#fff8e1;padding:.4em .6em;border-left:3px solid #f0b429}
            .add{background:#e6ffed;color:#22863a;display:block}.del{background:#ffeef0;color:#b31d28;display:block}.hunk{color:#6f42c1;display:block}.same{display:block}
            table{border-collapse:collapse;margin:.5em 0;font-size:13px}th,td{border:1px solid #ddd;padding:.3em .6em;text-align:right}
            th{background:#f0f4f8}td:first-child,th:first-child{text-align:left}.verdict{font-weight:bold;color:#22863a;font-size:1.1em}
            figure{margin:.5em 0}figcaption,h3{font-weight:600;font-size:1em;margin:.8em 0 .3em}
            """;

        public static string Render(IReadOnlyList<DemoReport> reports, string subtitle)
        {
            var html = new StringBuilder();
            html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .AppendLine("<title>MemoryAnalyzers demonstrations</title>")
                .Append("<style>").Append(Style).AppendLine("</style></head><body>")
                .AppendLine("<h1>MemoryAnalyzers demonstrations</h1>")
                .Append("<p>").Append(Encode(subtitle)).AppendLine("</p>")
                .AppendLine("<nav><ul>");
            foreach (var report in reports)
            {
                html.Append("<li><a href=\"#").Append(Anchor(report.Name)).Append("\">").Append(Encode(report.Name)).Append("</a> — ")
                    .Append(Encode(report.Title)).AppendLine("</li>");
            }

            html.AppendLine("</ul></nav>");
            foreach (var report in reports)
            {
                html.Append("<section id=\"").Append(Anchor(report.Name)).Append("\"><h2>").Append(Encode(report.Name)).Append(" · ")
                    .Append(Encode(report.Title)).AppendLine("</h2>");
                foreach (var block in report.Blocks)
                {
                    RenderBlock(html, block);
                }

                html.AppendLine("</section>");
            }

            return html.AppendLine("</body></html>").ToString();
        }

        private static void RenderBlock(StringBuilder html, Block block)
        {
            switch (block)
            {
                case TextBlock text:
                    html.Append("<p class=\"msg\">").Append(Encode(text.Text)).AppendLine("</p>");
                    break;
                case CodeBlock code:
                    html.Append("<h3>").Append(Encode(code.Caption)).Append("</h3><pre><code>");
                    var lines = code.Code.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
                    for (var i = 0; i < lines.Length; i++)
                    {
                        html.Append("<span class=\"ln\">").Append((i + 1).ToString().PadLeft(3)).Append("  </span>")
                            .AppendLine(HighlightLine(lines[i], code.Highlights.Where(h => h.Line == i + 1).ToList()));
                    }

                    html.AppendLine("</code></pre>");
                    break;
                case DiffBlock diff:
                    html.Append("<h3>").Append(Encode(diff.Caption)).Append("</h3><pre><code>");
                    foreach (var line in diff.Lines)
                    {
                        var (css, prefix) = line.Kind switch
                        {
                            UnifiedDiff.LineKind.Added => ("add", "+"),
                            UnifiedDiff.LineKind.Removed => ("del", "-"),
                            _ => line.Text == "@@" ? ("hunk", "") : ("same", " "),
                        };

                        // Block-level spans end their own line; a newline after them would add an empty one.
                        html.Append("<span class=\"").Append(css).Append("\">").Append(Encode(prefix + line.Text)).Append("</span>");
                    }

                    html.AppendLine("</code></pre>");
                    break;
                case TableBlock table:
                    html.Append("<h3>").Append(Encode(table.Caption)).AppendLine("</h3><table><thead><tr>");
                    foreach (var header in table.Headers)
                    {
                        html.Append("<th>").Append(Encode(header)).Append("</th>");
                    }

                    html.AppendLine("</tr></thead><tbody>");
                    foreach (var row in table.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row)
                        {
                            html.Append("<td>").Append(Encode(cell)).Append("</td>");
                        }

                        html.AppendLine("</tr>");
                    }

                    html.AppendLine("</tbody></table>");
                    break;
                case ChartBlock chart:
                    html.Append("<figure><figcaption>").Append(Encode(chart.Caption)).AppendLine("</figcaption>")
                        .AppendLine(SvgChart.Render(chart)).AppendLine("</figure>");
                    break;
                case VerdictBlock verdict:
                    html.Append("<p class=\"verdict\">⇒ ").Append(Encode(verdict.Text)).AppendLine("</p>");
                    break;
            }
        }

        private static string HighlightLine(string line, List<Highlight> highlights)
        {
            if (highlights.Count == 0)
            {
                return Encode(line);
            }

            var h = highlights[0];
            var start = Math.Min(line.Length, h.Column - 1);
            var length = Math.Min(line.Length - start, h.Length);
            return Encode(line.Substring(0, start))
                + "<mark title=\"" + Encode(h.Label) + "\">" + Encode(line.Substring(start, length)) + "</mark>"
                + Encode(line.Substring(start + length));
        }

        private static string Anchor(string name) => new string(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
