using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SmallFixedCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SmallFixedCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class SmallFixedCollectionFixerTupleTests
    {
        [Fact]
        public Task Turns_each_tuple_into_a_value_tuple_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Stats
            {
                int Spread(int[] values)
                {
                    var bounds = {|MEM013:Tuple.Create(values[0], values[values.Length - 1])|}; // first and last
                    Tuple<string, long> label = {|MEM013:new Tuple<string, long>("n", values.Length)|};
                    var widened = {|MEM013:new Tuple<long, object>(1, null)|};
                    var exact = {|MEM013:new Tuple<int, int>(1, 2)|};
                    Func<int> late = () => bounds.Item2;
                    return bounds.Item1 + late() + label.Item1.Length + (int)label.Item2 + (int)widened.Item1 + exact.Item2;
                }
            }
            """, """
            using System;

            class Stats
            {
                int Spread(int[] values)
                {
                    var bounds = (values[0], values[values.Length - 1]); // first and last
                    (string, long) label = ("n", values.Length);
                    (long, object) widened = (1, null);
                    var exact = (1, 2);
                    Func<int> late = () => bounds.Item2;
                    return bounds.Item1 + late() + label.Item1.Length + (int)label.Item2 + (int)widened.Item1 + exact.Item2;
                }
            }
            """);

        [Fact]
        public Task Works_in_csharp_7_3_loops_and_local_functions() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Walker
            {
                int Walk(int n)
                {
                    var total = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var step = {|MEM013:Tuple.Create(i, i * 2)|};
                        total += step.Item1 + step.Item2;
                    }

                    return total + Local();

                    int Local()
                    {
                        var p = {|MEM013:Tuple.Create("a", 1)|};
                        return p.Item2;
                    }
                }
            }
            """, """
            using System;

            class Walker
            {
                int Walk(int n)
                {
                    var total = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var step = (i, i * 2);
                        total += step.Item1 + step.Item2;
                    }

                    return total + Local();

                    int Local()
                    {
                        var p = ("a", 1);
                        return p.Item2;
                    }
                }
            }
            """, LanguageVersion.CSharp7_3);
    }
}
