using System.Linq;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SmallFixedCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SmallFixedCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>MEM013's member form: a private method returns a Tuple that its callers only read through its items.</summary>
    public sealed class SmallFixedCollectionTupleMemberTests
    {
        /// <summary>A private method <c>Range</c> returning a tuple, and a caller whose <paramref name="use"/> is what varies.</summary>
        private static string WithCaller(string use, string range = "private Tuple<int, string> Range(int n) => {|MEM013:Tuple.Create(n, \"x\")|};") => $$"""
            using System;
            using System.Collections.Generic;

            class Parser
            {
                private object _kept;

                {{range}}

                int Parse(int n)
                {
                    {{use}}
                    return 0;
                }

                static void Take(object value) { }
            }
            """;

        [Theory]
        [InlineData("_ = Range(n).Item1;")]
        [InlineData("var r = Range(n); Console.WriteLine(r.Item1 + r.Item2);")]
        [InlineData("Tuple<int, string> r = Range(n); _ = r.Item2.Length;")]
        [InlineData("var r = Range(n); Func<int> later = () => r.Item1; _ = later();")]
        [InlineData("_ = Range(n).Item2.ToUpperInvariant(); _ = Range(n + 1).Item1.ToString();")]
        [InlineData("_ = nameof(Range); _ = Range(n).Item1;")]
        public Task Reports_a_private_method_whose_callers_only_read_items(string use) => VerifyCS.VerifyAnalyzerAsync(WithCaller(use));

        [Theory]
        [InlineData("_kept = Range(n);")]
        [InlineData("Take(Range(n));")]
        [InlineData("var r = Range(n); _kept = r;")]
        [InlineData("var r = Range(n); if (r == null) { }")]
        [InlineData("if (ReferenceEquals(Range(n), _kept)) { }")]
        [InlineData("_ = Range(n).Equals(_kept);")]
        [InlineData("lock (Range(n)) { }")]
        [InlineData("object r = Range(n); _ = r;")]
        [InlineData("Console.WriteLine($\"{Range(n)}\");")]
        [InlineData("if (Range(n) is Tuple<int, string> { Item1: > 0 }) { }")]
        [InlineData("var r = Range(n); r = null; _ = r;")]
        [InlineData("Func<int, Tuple<int, string>> f = Range; _ = f(n).Item1;")]
        [InlineData("var (a, b) = Range(n);")]
        [InlineData("_ = Range(n)?.Item1;")]
        [InlineData("Range(n);")]
        [InlineData("System.Linq.Expressions.Expression<Func<int>> e = () => Range(n).Item1;")]
        public Task Silent_when_a_caller_uses_the_tuple_as_an_object(string use) => VerifyCS.VerifyAnalyzerAsync(WithCaller(use, "private Tuple<int, string> Range(int n) => Tuple.Create(n, \"x\");"));

        [Theory]
        [InlineData("public Tuple<int, string> Range(int n) => Tuple.Create(n, \"x\");")]
        [InlineData("protected Tuple<int, string> Range(int n) => Tuple.Create(n, \"x\");")]
        [InlineData("internal Tuple<int, string> Range(int n) => Tuple.Create(n, \"x\");")]
        [InlineData("private protected Tuple<int, string> Range(int n) => Tuple.Create(n, \"x\");")]
        [InlineData("private Tuple<int, string> Range(int n) => n > 0 ? Tuple.Create(n, \"x\") : null;")]
        [InlineData("private Tuple<int, string> Range(int n) { var t = Tuple.Create(n, \"x\"); return t; }")]
        [InlineData("private Tuple<int, string> Range(int n) { if (n > 0) { return Tuple.Create(n, \"x\"); } return _kept as Tuple<int, string>; }")]
        [InlineData("private Tuple<int, string> Range(int n) => throw new NotSupportedException();")]
        [InlineData("private static Tuple<int, string> Cache = Tuple.Create(1, \"x\"); private Tuple<int, string> Range(int n) => Cache;")]
        public Task Silent_for_other_members_and_returns(string range) => VerifyCS.VerifyAnalyzerAsync(WithCaller("_ = Range(n).Item1;", range));

        [Fact]
        public Task Silent_when_never_called_or_for_one_item_and_eight_items() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Unused
            {
                private Tuple<int, int> Never() => Tuple.Create(1, 2);

                private Tuple<int> One() => Tuple.Create(1);

                private Tuple<int, int, int, int, int, int, int, Tuple<int>> Eight() => Tuple.Create(1, 2, 3, 4, 5, 6, 7, 8);

                int Use() => One().Item1 + Eight().Item1;
            }
            """);

        [Fact]
        public Task Reports_every_creation_of_a_block_bodied_method_in_a_loop_and_a_lambda() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;

            class Splitter
            {
                private static Tuple<string, int> Split(string text)
                {
                    var at = text.IndexOf('=');
                    if (at < 0)
                    {
                        return {|MEM013:new Tuple<string, int>(text, 0)|};
                    }

                    Func<int> ignored = () => { return at; };
                    return {|MEM013:Tuple.Create(text.Substring(0, at), at)|};
                }

                int Total(string[] lines)
                {
                    var total = 0;
                    foreach (var line in lines)
                    {
                        var part = Split(line);
                        total += part.Item2 + part.Item1.Length;
                    }

                    return total + lines.Sum(l => Split(l).Item2);
                }
            }
            """);

        [Fact]
        public Task Silent_for_async_iterators_interfaces_and_overrides() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            interface IRange
            {
                Tuple<int, int> Range();
            }

            abstract class Base
            {
                protected abstract Tuple<int, int> Bounds();
            }

            class Impl : Base, IRange
            {
                Tuple<int, int> IRange.Range() => Tuple.Create(1, 2);

                protected override Tuple<int, int> Bounds() => Tuple.Create(1, 2);

                private async Task<Tuple<int, int>> LaterAsync() { await Task.Yield(); return Tuple.Create(1, 2); }

                private IEnumerable<Tuple<int, int>> Many() { yield return Tuple.Create(1, 2); }

                async Task<int> Use()
                {
                    var sum = (await LaterAsync()).Item1 + ((IRange)this).Range().Item1 + Bounds().Item2;
                    foreach (var t in Many())
                    {
                        sum += t.Item1;
                    }

                    return sum;
                }
            }
            """);

        [Fact]
        public Task Silent_for_local_functions_which_are_left_out() => VerifyCS.VerifyProgramAsync("""
            using System;

            Console.WriteLine(MinMax(3, 1).Item1);

            Tuple<int, int> MinMax(int a, int b) => Tuple.Create(Math.Min(a, b), Math.Max(a, b));

            class Tool
            {
                private static Tuple<int, int> Pair(int x) => {|MEM013:Tuple.Create(x, x)|};

                public int Run(int n)
                {
                    return Half(n).Item1 + Pair(n).Item2;

                    Tuple<int, int> Half(int x) { return Tuple.Create(x / 2, x % 2); }
                }
            }
            """);

        [Fact]
        public Task Silent_for_a_local_function_used_as_a_delegate_or_whose_result_escapes() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Tool
            {
                public Tuple<int, int> Run(int n)
                {
                    Func<int, Tuple<int, int>> f = Pair;
                    _ = f(n);
                    return Other(n);

                    Tuple<int, int> Pair(int x) => Tuple.Create(x, x);

                    Tuple<int, int> Other(int x) => Tuple.Create(x, x);
                }
            }
            """);

        [Fact]
        public Task Reports_in_records_primary_constructors_generics_and_extensions() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            record Shape(string Kind)
            {
                private Tuple<string, int> Parts() => {|MEM013:Tuple.Create(Kind, Kind.Length)|};

                public bool IsLong => Parts().Item2 is > 3;
                public int Size => Parts().Item2;
            }

            class Service(int limit)
            {
                private Tuple<int, int> Bounds() => {|MEM013:new(0, limit)|};

                public bool Check(int n) => n is > 0 and < 100 && n > Bounds().Item1 && n < Bounds().Item2;
            }

            class Generic<T>
            {
                private static Tuple<T, int> Tag<U>(T value, U other) => {|MEM013:Tuple.Create(value, other.GetHashCode())|};

                public int Use(T value) => Tag(value, "u").Item2 + Tag<int>(value, 1).Item2;
            }

            static class Extensions
            {
                private static Tuple<int, int> Split(this int value) => {|MEM013:Tuple.Create(value / 10, value % 10)|};

                private static Tuple<int, int> Kept(this int value) => Tuple.Create(value, value);

                public static int Digits(this int value) => value.Split().Item1 + Split(value).Item2;

                public static object Escape(this int value) => value.Kept();
            }
            """);

        [Fact]
        public Task Partial_type_across_two_files_sees_every_caller() => new VerifyCS.Test(LanguageVersion.Preview)
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System;

                    partial class Split
                    {
                        private Tuple<int, int> Read() => {|MEM013:Tuple.Create(1, 2)|};

                        private Tuple<int, int> Escaping() => Tuple.Create(1, 2);
                    }
                    """,
                    """
                    using System;

                    partial class Split
                    {
                        private object _kept;

                        int Use()
                        {
                            Tuple<int, int> r = Read();
                            _kept = Escaping();
                            return r.Item1 + Escaping().Item2;
                        }
                    }
                    """,
                },
            },
        }.RunAsync();

        [Fact]
        public Task Silent_for_a_partial_type_with_a_generated_part() => new VerifyCS.Test(LanguageVersion.Preview)
        {
            TestState =
            {
                Sources =
                {
                    ("Split.cs", """
                    using System;

                    partial class Split
                    {
                        private Tuple<int, int> Read() => Tuple.Create(1, 2);

                        int Use() => Read().Item1;
                    }
                    """),
                    ("Split.g.cs", """
                    // <auto-generated/>
                    partial class Split
                    {
                        private object _kept;

                        void Keep() => _kept = Read();
                    }
                    """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task Silent_for_a_method_named_in_a_nested_type() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Outer
            {
                private static Tuple<int, int> Read() => {|MEM013:Tuple.Create(1, 2)|};

                private static Tuple<int, int> Escaping() => Tuple.Create(1, 2);

                private static Tuple<int, int> ReadInside() => Tuple.Create(1, 2);

                int Use() => Read().Item1 + Escaping().Item1 + ReadInside().Item1;

                class Inner
                {
                    private object _kept = Escaping();

                    int Use() => ReadInside().Item2;

                    private Tuple<int, int> Own() => {|MEM013:Tuple.Create(3, 4)|};

                    int UseOwn() => Own().Item1;
                }
            }
            """);

        [Fact]
        public Task Silent_when_an_item_is_a_mutable_struct_that_a_call_could_change() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            class Walker
            {
                private static Tuple<List<int>.Enumerator, int> Start(List<int> list) => Tuple.Create(list.GetEnumerator(), list.Count);

                int Walk(List<int> list)
                {
                    var start = Start(list);
                    start.Item1.MoveNext();
                    return start.Item1.Current;
                }
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.CSharp9)]
        [InlineData(LanguageVersion.Latest)]
        public Task Reports_in_every_language_version(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Old
            {
                private Tuple<string, int> Lookup(string key)
                {
                    return {|MEM013:new Tuple<string, int>(key, key.Length)|};
                }

                int Use(string key)
                {
                    Tuple<string, int> found = Lookup(key);
                    return found.Item2 + Lookup(key).Item1.Length;
                }
            }
            """, version);

        [Fact]
        public async Task Message_names_the_allocation_per_call()
        {
            var diagnostics = await RuntimeScenario.DiagnosticsAsync("""
                using System;

                public static class Scenario
                {
                    private static Tuple<int, string> Pair(int code) => Tuple.Create(code, "x");

                    public static int Run(int code) => Pair(code).Item1;
                }
                """, new SmallFixedCollectionAnalyzer());
            Assert.Equal(
                new[] { "This Tuple<int, string>, returned to callers that only read its items, costs 1 allocation per call; a ValueTuple costs none" },
                diagnostics.Select(d => d.GetMessage()).ToArray());
        }
    }
}
