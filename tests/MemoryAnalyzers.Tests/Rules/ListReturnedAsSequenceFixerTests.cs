using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ListReturnedAsSequenceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ListReturnedAsSequenceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class ListReturnedAsSequenceFixerTests
    {
        [Fact]
        public Task Converts_a_method_with_nested_loops_keeping_comments() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class C
            {
                public IEnumerable<int> {|MEM008:Pairs|}(int[] values)
                {
                    // One entry per pair.
                    var result = new List<int>();
                    foreach (var a in values)
                    {
                        foreach (var b in values)
                        {
                            result.Add(a * b); // product
                        }
                    }

                    return result;
                }
            }
            """, """
            using System.Collections.Generic;

            class C
            {
                public IEnumerable<int> Pairs(int[] values)
                {
                    // One entry per pair.
                    foreach (var a in values)
                    {
                        foreach (var b in values)
                        {
                            yield return a * b; // product
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Keeps_argument_checks_eager_in_a_wrapper() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;

            class C
            {
                public static IEnumerable<string> {|MEM008:Prefixed|}(IEnumerable<string> names, string prefix)
                {
                    if (names == null) throw new ArgumentNullException(nameof(names));
                    ArgumentNullException.ThrowIfNull(prefix);

                    var result = new List<string>();
                    foreach (var name in names)
                    {
                        result.Add(prefix + name);
                    }

                    return result;
                }
            }
            """, """
            using System;
            using System.Collections.Generic;

            class C
            {
                public static IEnumerable<string> Prefixed(IEnumerable<string> names, string prefix)
                {
                    if (names == null) throw new ArgumentNullException(nameof(names));
                    ArgumentNullException.ThrowIfNull(prefix);
                    return PrefixedIterator();

                    IEnumerable<string> PrefixedIterator()
                    {
                        foreach (var name in names)
                        {
                            yield return prefix + name;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Converts_AddRange_early_returns_and_empty_lists() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections;
            using System.Collections.Generic;

            class C
            {
                IEnumerable<int> {|MEM008:Both|}(int[] first, int[] second, bool onlyFirst)
                {
                    var item = 0;
                    var result = new List<int>(first.Length + second.Length);
                    result.AddRange(first);
                    if (onlyFirst)
                    {
                        return result;
                    }

                    result.AddRange(second);
                    result.Add(item);
                    return result;
                }

                IEnumerable {|MEM008:None|}()
                {
                    var result = new List<object>();
                    return result;
                }
            }
            """, """
            using System.Collections;
            using System.Collections.Generic;

            class C
            {
                IEnumerable<int> Both(int[] first, int[] second, bool onlyFirst)
                {
                    var item = 0;
                    foreach (var item1 in first) yield return item1;
                    if (onlyFirst)
                    {
                        yield break;
                    }

                    foreach (var item2 in second) yield return item2;
                    yield return item;
                }

                IEnumerable None()
                {
                    yield break;
                }
            }
            """);

        [Fact]
        public Task Converts_getters_and_local_functions_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                private readonly int[] _values = { 1, 2, 3 };

                public IEnumerable<int> Doubled
                {
                    {|MEM008:get|}
                    {
                        var result = new List<int>();
                        foreach (var v in _values) result.Add(v * 2);
                        return result;
                    }
                }

                public int Sum()
                {
                    return Odd().Sum();

                    IEnumerable<int> {|MEM008:Odd|}()
                    {
                        var result = new List<int>();
                        foreach (var v in _values)
                        {
                            if (v % 2 == 1)
                            {
                                result.Add(v);
                            }
                        }

                        return result;
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                private readonly int[] _values = { 1, 2, 3 };

                public IEnumerable<int> Doubled
                {
                    get
                    {
                        foreach (var v in _values) yield return v * 2;
                    }
                }

                public int Sum()
                {
                    return Odd().Sum();

                    IEnumerable<int> Odd()
                    {
                        foreach (var v in _values)
                        {
                            if (v % 2 == 1)
                            {
                                yield return v;
                            }
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Converts_on_csharp_7_3() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;

            class C
            {
                IEnumerable<int> {|MEM008:Upto|}(int n)
                {
                    if (n < 0) { throw new ArgumentOutOfRangeException("n"); }
                    var result = new List<int>();
                    for (var i = 0; i < n; i++) result.Add(i);
                    return result;
                }
            }
            """, """
            using System;
            using System.Collections.Generic;

            class C
            {
                IEnumerable<int> Upto(int n)
                {
                    if (n < 0) { throw new ArgumentOutOfRangeException("n"); }
                    return UptoIterator();

                    IEnumerable<int> UptoIterator()
                    {
                        for (var i = 0; i < n; i++) yield return i;
                    }
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Theory]
        [InlineData("IEnumerable<int> {|MEM008:M|}(ref int n) { var result = new List<int>(); result.Add(n); return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(out int n) { n = 1; var result = new List<int>(); result.Add(n); return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(in int n) { var result = new List<int>(); result.Add(n); return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values) { var result = new List<int>(); foreach (var v in values) { try { result.Add(int.Parse(\"\" + v)); } catch (FormatException) { } } return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int[] values) { var result = new List<int>(); try { } finally { result.Add(1); } return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(object gate) { var result = new List<int>(); lock (gate) { result.Add(1); } return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:M|}(int n) { Span<int> buffer = stackalloc int[4]; var result = new List<int>(); result.Add(buffer[0] + n); return result; }")]
        [InlineData("unsafe IEnumerable<int> {|MEM008:M|}(int n) { var result = new List<int>(); result.Add(n); return result; }")]
        [InlineData("IEnumerable<int> M(int[] values) => {|MEM008:values.Where(v => v > 0).ToList()|};")]
        [InlineData("IEnumerable<string> {|MEM008:M|}(string s) { if (s == null) throw new ArgumentNullException(nameof(s)); var result = new List<string>(); result.Add(@\"a\nb\"); return result; }")]
        public Task Offers_no_fix_where_an_iterator_cannot_stand(string member)
        {
            var source = $$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;

                class C
                {
                    {{member}}
                }
                """;
            var test = new VerifyCS.Test(LanguageVersion.Preview) { TestCode = source, FixedCode = source };
            test.SolutionTransforms.Add((solution, projectId) =>
                solution.WithProjectCompilationOptions(projectId, ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
            return test.RunAsync();
        }
    }
}
