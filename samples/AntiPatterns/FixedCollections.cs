using System;
using System.Collections.Generic;
using System.Linq;

namespace AntiPatterns
{
    /// <summary>MEM013: the same few constants rebuilt as a growable collection on every call, and a Tuple where a ValueTuple would do.</summary>
    public static class FixedCollections
    {
        public static bool IsSuccess(int code)
        {
            var codes = new List<int> { 200, 201, 202, 204, 206 }; // MEM013
            return codes.Contains(code);
        }

        public static bool IsKeyword(string word)
        {
            var keywords = new HashSet<string> { "if", "else", "for", "while" }; // MEM013
            return keywords.Contains(word);
        }

        public static int Fields(string line)
        {
            List<char> separators = [',', ';', '\t']; // MEM013
            var count = 1;
            foreach (var c in line)
            {
                count += separators.Contains(c) ? 1 : 0;
            }

            return count;
        }

        public static int Spread(int[] values)
        {
            var bounds = Tuple.Create(values.Min(), values.Max()); // MEM013
            return bounds.Item2 - bounds.Item1;
        }

        private static Tuple<string, int> Measure(string text)
        {
            return Tuple.Create(text.Trim(), text.Length); // MEM013
        }

        public static int Padding(string text)
        {
            var measured = Measure(text);
            return measured.Item2 - measured.Item1.Length;
        }

        private static string Label(Tuple<string, int> entry) => entry.Item1 + "=" + entry.Item2;

        public static string Setting(string name, int value) => Label(Tuple.Create(name, value)); // MEM013
    }
}
