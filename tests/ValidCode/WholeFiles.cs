using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ValidCode
{
    /// <summary>File reading that MEM007 must leave alone.</summary>
    public static class WholeFiles
    {
        public static void Streamed(string path)
        {
            foreach (var line in File.ReadLines(path))
            {
                Console.WriteLine(line);
            }
        }

        public static async Task StreamedAsync(string path)
        {
            await foreach (var line in File.ReadLinesAsync(path))
            {
                Console.WriteLine(line);
            }
        }

        public static string LastLine(string path)
        {
            var lines = File.ReadAllLines(path);
            return lines.Length > 0 ? lines[lines.Length - 1] : "";
        }

        public static string[] Sorted(string path)
        {
            var lines = File.ReadAllLines(path);
            Array.Sort(lines, StringComparer.Ordinal);
            return lines;
        }

        public static void Rewrite(string path)
        {
            foreach (var line in File.ReadAllLines(path))
            {
                File.AppendAllText(path, line.ToUpperInvariant());
            }
        }

        public static int Words(string path) => File.ReadAllText(path).Split(' ').Length;

        // Cells split on ',' as well as new lines are not lines (MEM007); scanning them once would be MEM009's, so they are indexed.
        public static string SecondCell(string path)
        {
            var cells = File.ReadAllText(path).Split(new[] { '\n', ',' });
            return cells.Length > 1 ? cells[1] : "";
        }
    }
}
