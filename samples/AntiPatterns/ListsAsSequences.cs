using System.Collections.Generic;
using System.Linq;

namespace AntiPatterns
{
    /// <summary>MEM008: a whole list is built although the caller only gets a sequence.</summary>
    public static class ListsAsSequences
    {
        public static IEnumerable<int> Squares(int count) // MEM008
        {
            var result = new List<int>();
            for (var i = 0; i < count; i++)
            {
                result.Add(i * i);
            }

            return result;
        }

        public static IEnumerable<string> LongWords(IEnumerable<string> words)
            => words.Where(w => w.Length > 4).ToList(); // MEM008
    }
}
