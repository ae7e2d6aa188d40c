using System;
using System.Collections.Generic;
using System.Text;

namespace ProfilingSample
{
    /// <summary>The anti-pattern app's code as its MEMnnn code fixes rewrite it.</summary>
    public static class Fixed
    {
        /// <summary>AntiPatterns.StringConcatenation.Numbers after the MEM001 fix: one StringBuilder instead of a copy per +=.</summary>
        public static string Numbers(int count)
        {
            var text = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                text.Append(i).Append(' ');
            }

            return text.ToString();
        }

        /// <summary>AntiPatterns.LargeClosureCaptures.FirstByte after the MEM002 fix: the delegate captures the byte it reads, not the array.</summary>
        public static Func<int> FirstByte(int length)
        {
            var buffer = new byte[length];
            buffer[0] = 42;
            var first = buffer[0];
            return () => first;
        }

        /// <summary>AntiPatterns.ListsAsSequences.Squares after the MEM008 fix: an iterator instead of a list the caller never needed.</summary>
        public static IEnumerable<int> Squares(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return i * i;
            }
        }
    }
}
