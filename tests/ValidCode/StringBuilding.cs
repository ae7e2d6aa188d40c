using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ValidCode
{
    /// <summary>String building that MEM001 must leave alone.</summary>
    public static class StringBuilding
    {
        public static string WithBuilder(IEnumerable<string> items)
        {
            var builder = new StringBuilder();
            foreach (var item in items)
            {
                builder.Append(item).Append(", ");
            }

            return builder.ToString();
        }

        public static string WithJoin(IEnumerable<string> items) => string.Join(", ", items);

        public static string FreshPerIteration(string[] lines)
        {
            var last = "";
            foreach (var line in lines)
            {
                var trimmed = line.Trim();
                trimmed += "!";
                last = trimmed;
            }

            return last;
        }

        public static string FirstMatch(string[] lines, string prefix)
        {
            var result = "";
            foreach (var line in lines)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    result += line;
                    break;
                }
            }

            return result;
        }

        public static int Totals(int[] values)
        {
            var total = 0;
            Action? onDone = null;
            foreach (var value in values)
            {
                total += value;
                onDone += () => Console.WriteLine(value);
            }

            onDone?.Invoke();
            return total;
        }

        public static Func<string> Deferred(string[] items)
        {
            var text = "";
            Func<string> last = () => text;
            foreach (var item in items)
            {
                last = () => text += item;
            }

            return last;
        }

        public static string Constant()
        {
            const string Header = "a" + "b";
            var text = "";
            for (var i = 0; i < 3; i++)
            {
                text = Header + "c";
            }

            return text;
        }

        public static string Projection(IEnumerable<int> numbers)
            => numbers.Aggregate(new StringBuilder(), (builder, n) => builder.Append(n)).ToString();
    }
}
