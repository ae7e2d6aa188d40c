using System;
using System.Collections.Generic;
using System.Linq;

namespace ValidCode
{
    /// <summary>Constant collections built once, collections that change or leave, and tuples used as objects: MEM013 must leave them alone.</summary>
    public sealed class FixedCollections
    {
        private static readonly int[] SuccessCodes = { 200, 201, 204 };
        private static readonly HashSet<string> Keywords = new HashSet<string> { "if", "else" };
        private readonly List<int> _seen = new List<int> { 0 };

        public void See(int value) => _seen.Add(value);

        public static bool IsSuccess(int code) => Array.IndexOf(SuccessCodes, code) >= 0;

        public static bool IsKeyword(string word) => Keywords.Contains(word);

        public List<int> Defaults()
        {
            var defaults = new List<int> { 1, 2, 3 };
            defaults.Add(_seen.Count);
            return defaults;
        }

        public static List<string> Names() => new List<string> { "a", "b" };

        public static int Sorted(int seed)
        {
            var values = new List<int> { 3, 1, 2 };
            values.Sort();
            return values[0] + seed;
        }

        public static HashSet<string> Ordinal(string extra)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "a", "b" };
            names.Add(extra);
            return names;
        }

        public static int NotConstant(int code)
        {
            var codes = new List<int> { code, code + 1 };
            return codes.Sum();
        }

        public static (int Min, int Max) Bounds(int[] values)
        {
            var bounds = (values.Min(), values.Max());
            return bounds;
        }

        public static Tuple<int, int> PublicPair(int a) => Tuple.Create(a, a);

        public static bool SameTuple(int a)
        {
            var pair = Tuple.Create(a, a);
            var other = pair;
            return ReferenceEquals(pair, other);
        }

        public static object Boxed(int a)
        {
            object pair = Tuple.Create(a, 1);
            return pair;
        }

        private Tuple<int, int> _last;

        private Tuple<int, int> Kept(int a) => Tuple.Create(a, a + 1);

        public int Remember(int a)
        {
            _last = Kept(a);
            return _last.Item1;
        }

        private static Tuple<string, string> SplitSetting(string setting)
        {
            var at = setting.IndexOf('=');
            return at < 0 ? null : Tuple.Create(setting.Substring(0, at), setting.Substring(at + 1));
        }

        public static int KeyLength(string setting) => SplitSetting(setting)?.Item1.Length ?? 0;

        private static Tuple<int, int> Ordered(int a, int b) => Tuple.Create(Math.Min(a, b), Math.Max(a, b));

        public static Func<int, int, Tuple<int, int>> Orderer() => Ordered;

        public static bool SameOrder(int a, int b) => Ordered(a, b).Equals(Ordered(b, a));

        private void Store(Tuple<int, int> pair) => _last = pair;

        public int StoreAndRead(int a)
        {
            Store(Tuple.Create(a, a));
            return _last.Item2;
        }

        private static int Sum(Tuple<int, int> pair) => pair.Item1 + pair.Item2;

        public static int SumOfKnown(Tuple<int, int> known) => Sum(known) + Sum(Tuple.Create(1, 2));
    }
}
