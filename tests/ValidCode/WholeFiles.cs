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

        public static void Cells(string path)
        {
            foreach (var cell in File.ReadAllText(path).Split(new[] { '\n', ',' }))
            {
                Console.WriteLine(cell);
            }
        }
    }
}
