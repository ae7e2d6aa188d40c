using System.Collections.Generic;

namespace AntiPatterns
{
    /// <summary>MEM001: each += copies the whole string built so far.</summary>
    public static class StringConcatenation
    {
        private static string s_log = "";

        public static string Report(IEnumerable<string> items)
        {
            string report = "";
            foreach (var item in items)
            {
                report += item + ", "; // MEM001
            }

            return report;
        }

        public static string Numbers(int count)
        {
            var text = "";
            for (var i = 0; i < count; i++)
            {
                text = text + i + " "; // MEM001
            }

            return text;
        }

        public static void Log(List<string> lines)
        {
            lines.ForEach(line => s_log += line); // MEM001
        }
    }
}
