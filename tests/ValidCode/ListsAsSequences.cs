using System;
using System.Collections.Generic;
using System.Linq;

namespace ValidCode
{
    /// <summary>Lists that MEM008 must leave alone: the caller gets, or the method needs, more than a sequence.</summary>
    public static class ListsAsSequences
    {
        public static List<int> Concrete(int count)
        {
            var result = new List<int>();
            for (var i = 0; i < count; i++)
            {
                result.Add(i);
            }

            return result;
        }

        public static IReadOnlyList<int> ReadOnly(int count)
        {
            var result = new List<int>();
            for (var i = 0; i < count; i++)
            {
                result.Add(i);
            }

            return result;
        }

        public static IEnumerable<int> Sorted(IEnumerable<int> values)
        {
            var result = new List<int>();
            result.AddRange(values);
            result.Sort();
            return result;
        }

        public static IEnumerable<int> Lazy(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return i;
            }
        }

        public static IEnumerable<string> FromQuery(IQueryable<string> rows) => rows.Where(r => r.Length > 0).ToList();

        public static IEnumerable<int> SortedView(IEnumerable<int> values)
        {
            var result = new List<int>();
            result.AddRange(values);
            return result.OrderBy(v => v);
        }

        public static IEnumerable<int> AllButLast(IEnumerable<int> values)
        {
            var result = new List<int>();
            result.AddRange(values);
            return result.Take(result.Count - 1);
        }

        public static IEnumerable<int> OrEmpty(int[]? values)
        {
            if (values is null)
            {
                return Array.Empty<int>();
            }

            var result = new List<int>();
            result.AddRange(values);
            return result;
        }
    }
}
