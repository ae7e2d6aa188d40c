using System;
using System.Collections.Generic;
using System.Text;

namespace MemoryAnalyzers.Demo.Pipeline
{
    /// <summary>A unified diff of two texts (longest common subsequence of lines, three lines of context).</summary>
    internal static class UnifiedDiff
    {
        public enum LineKind
        {
            Same,
            Removed,
            Added,
        }

        public readonly record struct DiffLine(LineKind Kind, string Text);

        /// <summary>Every line of both texts, marked same, removed or added, in order.</summary>
        public static List<DiffLine> Lines(string before, string after)
        {
            var a = Split(before);
            var b = Split(after);
            var common = new int[a.Length + 1, b.Length + 1];
            for (var i = a.Length - 1; i >= 0; i--)
            {
                for (var j = b.Length - 1; j >= 0; j--)
                {
                    common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
                }
            }

            var lines = new List<DiffLine>();
            int x = 0, y = 0;
            while (x < a.Length || y < b.Length)
            {
                if (x < a.Length && y < b.Length && a[x] == b[y])
                {
                    lines.Add(new DiffLine(LineKind.Same, a[x++]));
                    y++;
                }
                else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
                {
                    // Removals before additions, as diff tools print a changed line.
                    lines.Add(new DiffLine(LineKind.Removed, a[x++]));
                }
                else
                {
                    lines.Add(new DiffLine(LineKind.Added, b[y++]));
                }
            }

            return lines;
        }

        /// <summary>The changed lines with <paramref name="context"/> lines around them, as "@@" hunks.</summary>
        public static List<DiffLine> Hunks(List<DiffLine> lines, int context = 3)
        {
            var keep = new bool[lines.Count];
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Kind != LineKind.Same)
                {
                    for (var k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context); k++)
                    {
                        keep[k] = true;
                    }
                }
            }

            var hunks = new List<DiffLine>();
            for (var i = 0; i < lines.Count; i++)
            {
                if (keep[i])
                {
                    if (i == 0 || !keep[i - 1])
                    {
                        hunks.Add(new DiffLine(LineKind.Same, "@@"));
                    }

                    hunks.Add(lines[i]);
                }
            }

            return hunks;
        }

        public static string Render(string before, string after, string beforeName = "before.cs", string afterName = "after.cs")
        {
            var text = new StringBuilder().Append("--- ").AppendLine(beforeName).Append("+++ ").AppendLine(afterName);
            foreach (var line in Hunks(Lines(before, after)))
            {
                text.Append(line.Text == "@@" && line.Kind == LineKind.Same ? "" : line.Kind switch
                {
                    LineKind.Added => "+",
                    LineKind.Removed => "-",
                    _ => " ",
                }).AppendLine(line.Text);
            }

            return text.ToString();
        }

        private static string[] Split(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
    }
}
