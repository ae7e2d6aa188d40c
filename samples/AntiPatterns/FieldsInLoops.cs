using System.Collections.Generic;

namespace AntiPatterns
{
    /// <summary>MEM014: running totals kept in fields, loaded and stored in memory on every iteration.</summary>
    public sealed class FieldsInLoops
    {
        private static int s_batches;
        private long _total;
        private int _count;

        public long Sum(int[] values)
        {
            foreach (var value in values)
            {
                _total += value; // MEM014
                _count++; // MEM014
            }

            return _total;
        }

        public double Mean(List<int> values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                _total = _total + values[i]; // MEM014
            }

            s_batches++;
            return _count == 0 ? 0 : (double)_total / _count;
        }

        public static int Batches(int rounds)
        {
            var round = 0;
            while (round < rounds)
            {
                s_batches += 2; // MEM014
                round++;
            }

            return s_batches;
        }
    }
}
