using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace ValidCode
{
    /// <summary>Copies that MEM006 must leave alone: each one is needed.</summary>
    public static class NeededCopies
    {
        public static void RemoveEmpty(Dictionary<string, int> counts)
        {
            foreach (var key in counts.Keys.ToList())
            {
                if (counts[key] == 0)
                {
                    counts.Remove(key);
                }
            }
        }

        public static void Prune(List<string> names)
        {
            foreach (var name in names.Where(n => n.Length == 0).ToList())
            {
                names.Remove(name);
            }
        }

        public static void Detach(XElement root)
        {
            foreach (var comment in root.Descendants("comment").ToList())
            {
                comment.Remove();
            }
        }

        public static void DeleteAll(string folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder).ToList())
            {
                File.Delete(file);
            }
        }

        public static IReadOnlyList<int> Snapshot(IEnumerable<int> values) => values.ToList();

        public static int UsedTwice(IEnumerable<int> values)
        {
            var copy = values.ToList();
            return copy.Sum() + copy.Count;
        }

        public static int Indexed(IEnumerable<int> values)
        {
            var copy = values.ToArray();
            return copy.Length > 0 ? copy[0] : 0;
        }

        public static IQueryable<string> Query(IQueryable<string> rows) => rows;

        public static void FromQuery(IQueryable<string> rows)
        {
            foreach (var row in rows.Where(r => r.Length > 1).ToList())
            {
                Console.WriteLine(row);
            }
        }

        public static async Task AwaitEach(List<string> shared)
        {
            foreach (var item in shared.ToList())
            {
                await Task.Delay(item.Length);
            }
        }

        public static IEnumerable<string> Yielding(List<string> shared)
        {
            foreach (var item in shared.ToList())
            {
                yield return item;
            }
        }

        public static void Repeated(IEnumerable<string> items)
        {
            var copy = items.ToList();
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine(string.Join(",", copy));
            }
        }

        public static void WithSideEffects(IEnumerable<string> items)
        {
            var seen = 0;
            foreach (var item in items.Select(i => { seen++; return i; }).ToList())
            {
                Console.WriteLine($"{seen}: {item}");
            }
        }
    }

    /// <summary>Copies of queries that MEM006 must leave alone: the loop changes the source, or the rows are read twice.</summary>
    public static class NeededQueryCopies
    {
        public static void RemoveMinors(List<KeyValuePair<string, int>> people)
        {
            var minors = (from p in people where p.Value < 18 select new { Person = p, p.Key }).ToList();
            foreach (var minor in minors)
            {
                people.Remove(minor.Person);
            }
        }

        public static int PrintTwice(IEnumerable<KeyValuePair<string, int>> people)
        {
            var rows = people.Select(p => new { Name = p.Key, Adult = p.Value >= 18 }).ToList();
            foreach (var row in rows)
            {
                Console.WriteLine(row.Name);
            }

            return rows.Count(row => row.Adult);
        }
    }

    /// <summary>Arrays copied from lists that MEM006 must leave alone: the callee needs an array, or may keep what it is given.</summary>
    public static class NeededArrays
    {
        private static string[] s_kept = Array.Empty<string>();

        public static Type Closed(List<Type> arguments) => typeof(Dictionary<,>).MakeGenericType(arguments.ToArray());

        public static string Combined(List<string> parts) => Path.Combine(parts.ToArray());

        public static string FirstTwo(List<string> names) => string.Join(",", names.ToArray(), 0, 2);

        public static void Handed(List<string> names) => Keep(names.ToArray());

        public static System.Text.StringBuilder Appended(System.Text.StringBuilder text, List<string> names) => text.AppendJoin(",", names.ToArray());

        public static string Snapshot(List<string> names)
        {
            var before = names.ToArray();
            names.Clear();
            return string.Join(",", before);
        }

        private static void Keep(string[] values) => s_kept = values;

        private static void Keep(IEnumerable<string> values) => s_kept = values.ToArray();
    }

    /// <summary>Copies stored in a local that MEM006 must leave alone: the source changes before the read, or the local is read again.</summary>
    public static class NeededLocalCopies
    {
        public static void SortedThenCleared(List<string> names, bool byName)
        {
            string[] sorted;
            if (byName)
            {
                sorted = names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            }
            else
            {
                sorted = names.ToArray();
            }

            names.Clear();
            foreach (var name in sorted)
            {
                Console.WriteLine(name);
            }
        }

        public static void FilteredAndCounted(string folder)
        {
            var files = Directory.GetFiles(folder);
            files = files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal)).ToArray();
            Console.WriteLine(files.Length);
            foreach (var file in files)
            {
                Console.WriteLine(file);
            }
        }

        public static void FilteredInLoop(string folder, string[] extensions)
        {
            var files = Directory.GetFiles(folder);
            foreach (var extension in extensions)
            {
                files = files.Where(f => !f.EndsWith(extension, StringComparison.Ordinal)).ToArray();
            }

            foreach (var file in files)
            {
                Console.WriteLine(file);
            }
        }
    }

    /// <summary>A copy of a sequence that may be a view of the collection the loop changes.</summary>
    public sealed class Cache
    {
        private readonly Dictionary<string, int> _entries = new Dictionary<string, int>();

        public void Evict(IEnumerable<string> keys)
        {
            foreach (var key in keys.ToList())
            {
                _entries.Remove(key);
            }
        }

        public void EvictAll() => Evict(_entries.Keys);

        public void Forget(IEnumerable<string> keys)
        {
            foreach (var key in keys.ToArray())
            {
                Drop(key);
            }
        }

        private void Drop(string key) => _entries.Remove(key);
    }

    /// <summary>Streaming the source directly, as MEM006 suggests.</summary>
    public static class StreamedCollections
    {
        public static int Streamed(IEnumerable<string> items)
        {
            foreach (var item in items.Where(i => i.Length > 1))
            {
                Console.WriteLine(item);
            }

            return items.Count(i => i.Length > 3);
        }

        public static int SpanCopy(ReadOnlySpan<int> values)
        {
            var total = 0;
            foreach (var value in values.ToArray())
            {
                total += value;
            }

            return total;
        }
    }
}
