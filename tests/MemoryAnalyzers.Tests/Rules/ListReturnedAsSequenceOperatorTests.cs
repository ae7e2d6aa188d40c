using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ListReturnedAsSequenceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ListReturnedAsSequenceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM008 on a built list returned through streaming LINQ operators (<c>return list.Distinct();</c>): the operators
    /// read the list one element at a time, so an iterator can feed them instead. The fix returns the operators applied to
    /// an iterator local function, when their arguments can be evaluated before the body runs.
    /// </summary>
    public sealed class ListReturnedAsSequenceOperatorTests
    {
        private static string InClass(string members) => $$"""
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                private readonly int[] _values = { 1, 2, 3 };
                private int _min = 1;
                private List<int>? _kept;

            {{members}}

                void Keep(List<int> list) => _kept = list;
                static int Transform(int value) => value * 2;
            }
            """;

        [Theory]
        [InlineData("IEnumerable<int> {|MEM008:Remainders|}(int[] values) { var result = new List<int>(); foreach (var v in values) result.Add(v % 3); return result.Distinct(); }")]
        [InlineData("IEnumerable<object> {|MEM008:Boxed|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Cast<object>(); }")]
        [InlineData("IEnumerable<string> {|MEM008:Texts|}(object[] values) { var result = new List<object>(); foreach (var v in values) result.Add(v); return result.OfType<string>(); }")]
        [InlineData("IEnumerable<int> {|MEM008:Doubled|}(int[] values, int min) { var result = new List<int>(); result.AddRange(values); return result.Where(v => v > min).Select(v => v * 2); }")]
        [InlineData("IEnumerable<int> {|MEM008:Static|}(int[] values) { var result = new List<int>(); result.AddRange(values); return Enumerable.Distinct(result); }")]
        [InlineData("IEnumerable<int> {|MEM008:FirstFew|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Skip(1).Take(2); }")]
        [InlineData("IEnumerable {|MEM008:Untyped|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Cast<object>(); }")]
        [InlineData("IEnumerable<int> Values { {|MEM008:get|} { var result = new List<int>(); foreach (var v in _values) result.Add(v); return result.Distinct(); } }")]
        [InlineData("IEnumerable<string> {|MEM008:Words|}(string[] lines) { var result = new List<string>(); foreach (var line in lines) result.Add(line); return result.SelectMany(l => l.Split(' ')).Distinct(StringComparer.Ordinal); }")]
        // Reported, but the operators read what only the body knows: no fix (see the fixer tests).
        [InlineData("IEnumerable<int> {|MEM008:AboveMin|}(int[] values) { var min = values.Min(); var result = new List<int>(); result.AddRange(values); return result.Where(v => v > min); }")]
        [InlineData("IEnumerable<int> {|MEM008:AboveField|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Where(v => v > _min); }")]
        public Task Reports_a_list_returned_through_streaming_operators(string members) => VerifyCS.VerifyAnalyzerAsync(InClass(members));

        [Theory]
        // The operator buffers the whole source anyway: an iterator would save nothing.
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); result.AddRange(values); return result.OrderBy(v => v); }")]
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Distinct().OrderBy(v => v); }")]
        [InlineData("IEnumerable<IGrouping<int, int>> M(int[] values) { var result = new List<int>(); result.AddRange(values); return result.GroupBy(v => v % 2); }")]
        // The list is used in another way, or handed to something.
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); result.AddRange(values); Keep(result); return result.Distinct(); }")]
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Where(v => result.Count > v); }")]
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Take(result.Count - 1); }")]
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Concat(values); }")]
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(values); result.Add(0); return result.Distinct(); }")]
        // Another return, or another list.
        [InlineData("IEnumerable<int> M(int[] values) { var result = new List<int>(); if (values.Length == 0) return result; result.AddRange(values); return result.Distinct(); }")]
        [InlineData("IEnumerable<int> M(List<int> values) { values.Add(1); return values.Distinct(); }")]
        [InlineData("IEnumerable<int> M(int[] values) => values.ToList().Distinct();")]
        public Task Stays_silent_when_the_list_is_more_than_a_sequence(string members) => VerifyCS.VerifyAnalyzerAsync(InClass(members));

        [Fact]
        public Task Converts_to_an_iterator_fed_to_the_operators_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                public IEnumerable<int> {|MEM008:Remainders|}(int[] values)
                {
                    var result = new List<int>();
                    foreach (var v in values)
                    {
                        result.Add(v % 3);
                    }

                    return result.Distinct();
                }

                public IEnumerable<object> {|MEM008:Boxed|}(int[] values, int min)
                {
                    ArgumentNullException.ThrowIfNull(values);

                    // Only the large ones.
                    var result = new List<int>(values.Length);
                    result.AddRange(values);
                    return result
                        .Where(v => v > min)
                        .Cast<object>();
                }

                public IEnumerable<int> {|MEM008:Nothing|}()
                {
                    var result = new List<int>();
                    return result.Distinct();
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                public IEnumerable<int> Remainders(int[] values)
                {
                    return RemaindersIterator().Distinct();

                    IEnumerable<int> RemaindersIterator()
                    {
                        foreach (var v in values)
                        {
                            yield return v % 3;
                        }
                    }
                }

                public IEnumerable<object> Boxed(int[] values, int min)
                {
                    ArgumentNullException.ThrowIfNull(values);
                    return BoxedIterator()
                        .Where(v => v > min)
                        .Cast<object>();

                    IEnumerable<int> BoxedIterator()
                    {
                        // Only the large ones.
                        foreach (var item in values) yield return item;
                    }
                }

                public IEnumerable<int> Nothing()
                {
                    return NothingIterator().Distinct();

                    IEnumerable<int> NothingIterator()
                    {
                        yield break;
                    }
                }
            }
            """);

        [Fact]
        public Task Converts_when_the_operators_create_objects() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Row { public int Value { get; set; } }

            class C
            {
                public IEnumerable<Row> {|MEM008:Rows|}(IEnumerable<int> values)
                {
                    var result = new List<int>();
                    result.AddRange(values);
                    return result.Select(v => new Row { Value = v });
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;

            class Row { public int Value { get; set; } }

            class C
            {
                public IEnumerable<Row> Rows(IEnumerable<int> values)
                {
                    return RowsIterator().Select(v => new Row { Value = v });

                    IEnumerable<int> RowsIterator()
                    {
                        foreach (var item in values) yield return item;
                    }
                }
            }
            """);

        [Fact]
        public Task Converts_a_getter_and_a_local_function_on_csharp_7_3() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                private readonly int[] _values = { 1, 2, 3 };

                public IEnumerable<string> Texts
                {
                    {|MEM008:get|}
                    {
                        var result = new List<int>();
                        foreach (var v in _values) result.Add(v);
                        return result.Select(v => v.ToString());
                    }
                }

                public int Count()
                {
                    return Odd().Count();

                    IEnumerable<int> {|MEM008:Odd|}()
                    {
                        var result = new List<int>();
                        foreach (var v in _values) result.Add(v);
                        return result.Where(v => v % 2 == 1);
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                private readonly int[] _values = { 1, 2, 3 };

                public IEnumerable<string> Texts
                {
                    get
                    {
                        return TextsIterator().Select(v => v.ToString());

                        IEnumerable<int> TextsIterator()
                        {
                            foreach (var v in _values) yield return v;
                        }
                    }
                }

                public int Count()
                {
                    return Odd().Count();

                    IEnumerable<int> Odd()
                    {
                        return OddIterator().Where(v => v % 2 == 1);

                        IEnumerable<int> OddIterator()
                        {
                            foreach (var v in _values) yield return v;
                        }
                    }
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Theory]
        // The operators read a local of the body, a parameter the body changes, a field, or call a method of the project:
        // evaluated before the body, or interleaved with it, they could see other values.
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values) { var min = values.Min(); var result = new List<int>(); result.AddRange(values); return result.Where(v => v > min); }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values, int count) { var result = new List<int>(); foreach (var v in values) { result.Add(v); count++; } return result.Take(count); }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Where(v => v > _min); }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Select(Transform); }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values) { var result = new List<int>(); result.AddRange(values); return result.Select(v => Transform(v)); }")]
        // As for a plain list: C# forbids the iterator.
        [InlineData("IEnumerable<int> {|MEM008:M|}(ref int n) { var result = new List<int>(); result.Add(n); return result.Distinct(); }")]
        public Task Offers_no_fix_when_the_operators_cannot_move(string members) => VerifyCS.VerifyNoCodeFixAsync(InClass(members));
    }
}
