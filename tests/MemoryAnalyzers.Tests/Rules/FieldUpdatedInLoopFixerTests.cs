using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.FieldUpdatedInLoopAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.FieldUpdatedInLoopFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class FieldUpdatedInLoopFixerTests
    {
        [Fact]
        public Task Accumulates_in_a_local_around_a_loop_that_cannot_throw() => VerifyCS.VerifyCodeFixAsync("""
            class Stats
            {
                private long _total;

                public void Add(int n)
                {
                    // Sum of the first n numbers.
                    for (var i = 0; i < n; i++)
                    {
                        {|MEM014:_total += i;|} // running sum
                    }
                }
            }
            """, """
            class Stats
            {
                private long _total;

                public void Add(int n)
                {
                    // Sum of the first n numbers.
                    var total = _total;
                    for (var i = 0; i < n; i++)
                    {
                        total += i; // running sum
                    }
                    _total = total;
                }
            }
            """);

        [Fact]
        public Task Stores_the_field_in_a_finally_when_the_loop_can_throw_or_return() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Stats
            {
                private long _total;

                public long Add(List<int> items, int limit)
                {
                    foreach (var x in items)
                    {
                        if (x > limit)
                        {
                            return this._total;
                        }

                        {|MEM014:this._total += x;|}
                    }

                    return -1;
                }
            }
            """, """
            using System.Collections.Generic;

            class Stats
            {
                private long _total;

                public long Add(List<int> items, int limit)
                {
                    var total = this._total;
                    try
                    {
                        foreach (var x in items)
                        {
                            if (x > limit)
                            {
                                return total;
                            }

                            total += x;
                        }
                    }
                    finally
                    {
                        this._total = total;
                    }

                    return -1;
                }
            }
            """);

        /// <summary>One at a time, each fix writes its field back right after the loop, so the later fix's store comes first.</summary>
        [Fact]
        public Task Fix_all_gives_each_loop_and_field_its_own_local() => VerifyCS.VerifyCodeFixAsync("""
            class Counter
            {
                private static int s_count;
                private int count;
                private double _sum;

                public void Run(double[] values)
                {
                    foreach (var v in values)
                    {
                        {|MEM014:Counter.s_count++;|}
                        {|MEM014:_sum = _sum + v;|}
                    }

                    for (var i = 0; i < 10; i++)
                    {
                        {|MEM014:count += i;|}
                        {|MEM014:s_count--;|}
                    }
                }
            }
            """, Fixed("""
                    _sum = sum;
                    Counter.s_count = count1;
            """, """
                    s_count = count2;
                    count = localCount;
            """), Fixed("""
                    Counter.s_count = count1;
                    _sum = sum;
            """, """
                    count = localCount;
                    s_count = count2;
            """));

        private static string Fixed(string firstStores, string secondStores) => $$"""
            class Counter
            {
                private static int s_count;
                private int count;
                private double _sum;

                public void Run(double[] values)
                {
                    var count1 = Counter.s_count;
                    var sum = _sum;
                    foreach (var v in values)
                    {
                        count1++;
                        sum = sum + v;
                    }
            {{firstStores}}

                    var localCount = count;
                    var count2 = s_count;
                    for (var i = 0; i < 10; i++)
                    {
                        localCount += i;
                        count2--;
                    }
            {{secondStores}}
                }
            }
            """;

        [Fact]
        public Task Fix_all_reserves_a_name_per_loop_of_one_block() => VerifyCS.VerifyCodeFixAsync("""
            class Stats
            {
                private long _total;

                public void Add(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        {|MEM014:_total += i;|}
                    }

                    for (var i = 0; i < n; i++)
                    {
                        {|MEM014:_total -= i / 2.0 > 1 ? 1 : 0;|}
                    }
                }
            }
            """, """
            class Stats
            {
                private long _total;

                public void Add(int n)
                {
                    var total = _total;
                    for (var i = 0; i < n; i++)
                    {
                        total += i;
                    }
                    _total = total;

                    var total1 = _total;
                    for (var i = 0; i < n; i++)
                    {
                        total1 -= i / 2.0 > 1 ? 1 : 0;
                    }
                    _total = total1;
                }
            }
            """);

        [Fact]
        public Task Not_offered_for_a_loop_that_is_not_in_a_block() => VerifyCS.VerifyNoCodeFixAsync("""
            class Stats
            {
                private int _count;

                public void Add(int n, bool enabled)
                {
                    if (enabled)
                        for (var i = 0; i < n; i++)
                        {
                            {|MEM014:_count++;|}
                        }
                }
            }
            """);

        [Fact]
        public Task Works_in_old_language_versions() => VerifyCS.VerifyCodeFixAsync("""
            class Stats
            {
                private int _count;

                public void Add(int[] items)
                {
                    int i = 0;
                    while (i < items.Length)
                    {
                        {|MEM014:_count += items[i];|}
                        i++;
                    }
                }
            }
            """, """
            class Stats
            {
                private int _count;

                public void Add(int[] items)
                {
                    int i = 0;
                    var count = _count;
                    try
                    {
                        while (i < items.Length)
                        {
                            count += items[i];
                            i++;
                        }
                    }
                    finally
                    {
                        _count = count;
                    }
                }
            }
            """, LanguageVersion.CSharp3);
    }
}
