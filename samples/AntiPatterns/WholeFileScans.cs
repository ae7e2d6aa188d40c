using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AntiPatterns
{
    /// <summary>MEM009: the whole file sits in memory although its content is scanned once from start to end.</summary>
    public static class WholeFileScans
    {
        public static int NewLines(string path)
        {
            var count = 0;
            foreach (var c in File.ReadAllText(path)) // MEM009
            {
                if (c == '\n')
                {
                    count++;
                }
            }

            return count;
        }

        public static bool IsBinary(string path) => File.ReadAllBytes(path).Any(b => b == 0); // MEM009

        public static Dictionary<string, int> WordCounts(string path)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var text = File.ReadAllText(path); // MEM009
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                counts[word] = counts.TryGetValue(word, out var n) ? n + 1 : 1;
            }

            return counts;
        }

        public static async Task<long> ChecksumAsync(string path)
        {
            var data = await File.ReadAllBytesAsync(path); // MEM009
            return data.Aggregate(17L, (hash, b) => hash * 31 + b);
        }
    }
}
