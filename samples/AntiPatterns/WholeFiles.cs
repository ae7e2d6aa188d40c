using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AntiPatterns
{
    /// <summary>MEM007: the whole file sits in memory although each line is read once.</summary>
    public static class WholeFiles
    {
        public static int CountErrors(string path)
        {
            foreach (var line in File.ReadAllLines(path)) // MEM007
            {
                Console.WriteLine(line);
            }

            foreach (var line in File.ReadAllText(path).Split('\n')) // MEM007
            {
                Console.WriteLine(line.TrimEnd('\r'));
            }

            return File.ReadAllLines(path).Count(line => line.StartsWith("ERROR", StringComparison.Ordinal)); // MEM007
        }

        public static async Task PrintAsync(string path)
        {
            foreach (var line in await File.ReadAllLinesAsync(path)) // MEM007
            {
                Console.WriteLine(line);
            }
        }
    }
}
