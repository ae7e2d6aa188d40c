using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.FieldUpdatedInLoopAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.FieldUpdatedInLoopFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class FieldUpdatedInLoopAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Stats
            {
                private long _total;
                private int _count;
                private double sum;
                private static int s_calls;
                private volatile int _seen;
                private readonly int _step = 1;
                private int[] _values = new int[4];
                private Stats _other;

                async Task Run(int[] items, List<int> list, int n, Func<int, int> map, IComparer<int> comparer)
                {
                    {{body}}
                    await Task.Yield();
                }

                void Touch() { }

                int Count => _count;

                static void Add(ref long target, int value) => target += value;
            }
            """;

        [Theory]
        [InlineData("foreach (var x in items) { {|MEM014:_total += x;|} }")]
        [InlineData("for (var i = 0; i < n; i++) {|MEM014:_count++;|}")]
        [InlineData("for (var i = 0; i < n; i++) { {|MEM014:--_count;|} }")]
        [InlineData("foreach (var x in items) { {|MEM014:this.sum = this.sum + x;|} }")]
        [InlineData("foreach (var x in list) { {|MEM014:s_calls++;|} }")]
        [InlineData("foreach (var x in list) { {|MEM014:Stats.s_calls += x;|} }")]
        [InlineData("var i = 0; while (i < n) { {|MEM014:_total *= 2;|} i++; }")]
        [InlineData("var i = 0; do { { {|MEM014:_count += i;|} } i++; } while (i < n);")]
        [InlineData("for (var i = 0; i < n; i++) { {|MEM014:_total += _values[i % 4];|} {|MEM014:_count++;|} }")]
        [InlineData("for (var i = 0; i < n; {|MEM014:_count++|}) { i++; }")]
        [InlineData("foreach (var x in items) { if (x > 0) { continue; } {|MEM014:_total -= x;|} }")]
        [InlineData("foreach (var x in items) { {|MEM014:_total += Math.Max(x, 0);|} list.Add(x); }")]
        [InlineData("foreach (var x in items) { {|MEM014:sum = (sum + x) / 2;|} }")]
        [InlineData("foreach (var x in items) { {|MEM014:_total += x;|} _ = comparer.Compare(x, 0); }")]
        public Task Reports_each_update_in_a_loop(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("foreach (var x in items) { _seen += x; }")]
        [InlineData("foreach (var x in items) { if (x > 0) _total += x; }")]
        [InlineData("foreach (var x in items) { _total = x; }")]
        [InlineData("foreach (var x in items) { _total += x; Touch(); }")]
        [InlineData("foreach (var x in items) { _total += x; Console.WriteLine(this); }")]
        [InlineData("foreach (var x in items) { _total += map(x); }")]
        [InlineData("foreach (var x in items) { _total += x; await Task.Yield(); }")]
        [InlineData("foreach (var x in items) { _total += x; lock (list) { } }")]
        [InlineData("foreach (var x in items) { _total += x; Interlocked.Increment(ref _count); }")]
        [InlineData("foreach (var x in items) { _total += Volatile.Read(ref _count); }")]
        [InlineData("foreach (var x in items) { Add(ref _total, x); _total++; }")]
        [InlineData("foreach (var x in items) { _other._total += x; }")]
        [InlineData("foreach (var x in items) { list.ForEach(y => _total += y); }")]
        [InlineData("foreach (var x in items) { _total += x; list.RemoveAll(y => y > x); }")]
        [InlineData("for (var i = 0; i < Count; i++) { _total += i; }")]
        [InlineData("_total += n; _count++;")]
        [InlineData("foreach (var x in items) { void Local() { _total += x; } Local(); }")]
        public Task Silent_when_something_could_look_at_the_field(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Silent_for_a_field_of_another_type_and_in_a_constructor_of_a_readonly_field() => VerifyCS.VerifyAnalyzerAsync("""
            class Totals
            {
                public int Sum;
                public static int Calls;
            }

            class Reader
            {
                private readonly int _sum;
                private readonly Totals _totals = new Totals();

                Reader(int[] items)
                {
                    foreach (var x in items)
                    {
                        _sum += x;
                        _totals.Sum += x;
                        Totals.Calls++;
                    }
                }
            }
            """);

        [Fact]
        public Task Silent_in_a_type_that_takes_a_lock_anywhere() => VerifyCS.VerifyAnalyzerAsync("""
            class Shared
            {
                private readonly object _gate = new object();
                private long _total;

                public void Add(int[] items)
                {
                    foreach (var x in items)
                    {
                        _total += x;
                    }
                }

                public long Read()
                {
                    lock (_gate)
                    {
                        return _total;
                    }
                }
            }
            """);

        [Fact]
        public Task Silent_when_an_interface_call_may_reach_the_type_itself() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class ByLength : IComparer<string>
            {
                private int _comparisons;

                public int Compare(string x, string y) => _comparisons > 100 ? 0 : x.Length - y.Length;

                public void Rank(string[] items, IComparer<string> comparer)
                {
                    for (var i = 1; i < items.Length; i++)
                    {
                        _comparisons++;
                        _ = comparer.Compare(items[i - 1], items[i]);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_in_an_inner_loop_silences_the_outer_loop_only() => VerifyCS.VerifyAnalyzerAsync("""
            class Grid
            {
                private int _rows;
                private int _cells;

                public void Scan(int[][] rows)
                {
                    foreach (var row in rows)
                    {
                        _rows++;
                        for (var i = 0; i < row.Length; i++)
                        {
                            {|MEM014:_cells += row[i];|}
                        }

                        for (var i = 0; i < row.Length; i++)
                        {
                            Log(i);
                        }
                    }
                }

                private void Log(int i) { }
            }
            """);

        [Fact]
        public Task Silent_in_an_iterator_that_yields_in_the_loop() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Numbers
            {
                private int _produced;

                public IEnumerable<int> Produce(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        _produced++;
                        yield return i;
                    }
                }
            }
            """);

        [Fact]
        public Task Silent_when_the_type_is_what_the_loop_enumerates() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections;
            using System.Collections.Generic;

            class Bag : IEnumerable<int>
            {
                private int _visits;

                public void Visit(IEnumerable<int> items)
                {
                    foreach (var x in items)
                    {
                        _visits++;
                    }
                }

                public IEnumerator<int> GetEnumerator() { _visits = 0; yield return _visits; }

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }
            """);

        [Fact]
        public Task Reports_in_newer_forms() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            record Meter(int Step)
            {
                private int _ticks;

                public void Run(int[] items)
                {
                    foreach (var x in items)
                    {
                        {|MEM014:_ticks += x is > 0 and < 10 ? 1 : 0;|}
                    }
                }
            }

            class Sampler(int step)
            {
                private int _samples;

                public void Run()
                {
                    int[] values = [1, 2, 3];
                    Count();

                    void Count()
                    {
                        foreach (var v in values)
                        {
                            {|MEM014:_samples += v * step;|}
                        }
                    }
                }
            }

            struct Accumulator
            {
                private long _sum;

                public void Add(int[] values)
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        {|MEM014:_sum += values[i];|}
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_in_old_language_versions() => VerifyCS.VerifyAnalyzerAsync("""
            class Counter
            {
                private int _count;

                public void Count(int[] items)
                {
                    for (int i = 0; i < items.Length; i++)
                    {
                        {|MEM014:_count = _count + items[i];|}
                    }
                }
            }
            """, LanguageVersion.CSharp3);

        [Fact]
        public Task Reports_in_top_level_statements() => VerifyCS.VerifyProgramAsync("""
            for (var i = 0; i < 10; i++)
            {
                {|MEM014:Program.s_runs++;|}
            }

            System.Console.WriteLine(Program.s_runs);

            partial class Program
            {
                internal static int s_runs;
            }
            """);
    }
}
