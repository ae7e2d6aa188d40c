using System;
using System.Collections.Generic;
using System.Linq;

namespace AntiPatterns
{
    /// <summary>MEM006: each copy holds every element at once, only to be enumerated once.</summary>
    public static class EagerCollections
    {
        public static void PrintLong(IEnumerable<string> words)
        {
            foreach (var word in words.Where(w => w.Length > 4).ToList()) // MEM006
            {
                Console.WriteLine(word);
            }

            var total = words.Select(w => w.Length).ToArray().Sum(); // MEM006
            Console.WriteLine(string.Join(", ", words.ToList()) + " " + total); // MEM006

            words.Where(w => w.StartsWith("a", StringComparison.Ordinal)).ToList().ForEach(w => Console.WriteLine(w)); // MEM006

            var upper = words.Select(w => w.ToUpperInvariant()).ToList(); // MEM006
            foreach (var word in upper)
            {
                Console.WriteLine(word);
            }
        }
    }
}
