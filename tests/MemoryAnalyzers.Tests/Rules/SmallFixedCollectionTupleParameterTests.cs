using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SmallFixedCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SmallFixedCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>MEM013's parameter form: every call of a private method passes a new Tuple to a parameter that only reads its items.</summary>
    public sealed class SmallFixedCollectionTupleParameterTests
    {
        /// <summary>A private method <c>Print</c> taking a tuple; <paramref name="body"/> and <paramref name="calls"/> vary.</summary>
        private static string WithMethod(string body, string calls) => $$"""
            using System;
            using System.Collections.Generic;

            class Printer
            {
                private object _kept;

                private void Print(Tuple<int, string> pair)
                {
                    {{body}}
                }

                void Run(int n)
                {
                    {{calls}}
                }

                static void Take(object value) { }
            }
            """;

        [Theory]
        [InlineData("Console.WriteLine(pair.Item1 + pair.Item2);", "Print({|MEM013:Tuple.Create(n, \"a\")|});")]
        [InlineData("_ = pair.Item2.Length;", "Print({|MEM013:new Tuple<int, string>(n, \"a\")|}); Print({|MEM013:Tuple.Create(1, \"b\")|});")]
        [InlineData("Func<int> later = () => pair.Item1; _ = later();", "for (var i = 0; i < n; i++) { Print({|MEM013:Tuple.Create(i, i.ToString())|}); }")]
        [InlineData("", "Print({|MEM013:new(n, \"a\")|});")]
        public Task Reports_each_created_argument(string body, string calls) => VerifyCS.VerifyAnalyzerAsync(WithMethod(body, calls));

        [Theory]
        [InlineData("_kept = pair;", "Print(Tuple.Create(n, \"a\"));")]
        [InlineData("Take(pair);", "Print(Tuple.Create(n, \"a\"));")]
        [InlineData("if (pair == null) { }", "Print(Tuple.Create(n, \"a\"));")]
        [InlineData("pair = null;", "Print(Tuple.Create(n, \"a\"));")]
        [InlineData("lock (pair) { }", "Print(Tuple.Create(n, \"a\"));")]
        [InlineData("Console.WriteLine(pair);", "Print(Tuple.Create(n, \"a\"));")]
        [InlineData("_ = pair.Item1;", "var made = Tuple.Create(n, \"a\"); Print(made); _kept = made;")]
        [InlineData("_ = pair.Item1;", "Print(Tuple.Create(n, \"a\")); Print(null);")]
        [InlineData("_ = pair.Item1;", "Print(pair: Tuple.Create(n, \"a\"));")]
        [InlineData("_ = pair.Item1;", "Action<Tuple<int, string>> print = Print; print(Tuple.Create(n, \"a\"));")]
        [InlineData("_ = pair.Item1;", "")]
        public Task Silent_when_the_parameter_or_an_argument_is_used_otherwise(string body, string calls) => VerifyCS.VerifyAnalyzerAsync(WithMethod(body, calls));

        [Theory]
        [InlineData("public")]
        [InlineData("internal")]
        [InlineData("protected")]
        public Task Silent_for_a_method_others_can_call(string accessibility) => VerifyCS.VerifyAnalyzerAsync($$"""
            using System;

            class Printer
            {
                {{accessibility}} void Print(Tuple<int, string> pair) => Console.WriteLine(pair.Item1);

                void Run(int n) => Print(Tuple.Create(n, "a"));
            }
            """);

        [Fact]
        public Task Silent_for_an_overloaded_method() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Printer
            {
                private void Print(Tuple<int, string> pair) => Console.WriteLine(pair.Item1);

                private void Print((int, string) pair) => Console.WriteLine(pair.Item1);

                void Run(int n) => Print(Tuple.Create(n, "a"));
            }
            """);

        [Fact]
        public Task Silent_for_a_generic_method_whose_type_arguments_a_literal_could_change() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Printer
            {
                private void Print<T>(Tuple<T, int> pair) => Console.WriteLine(typeof(T).Name + pair.Item2);

                void Run() => Print(Tuple.Create<object, int>("a", 1));
            }
            """);

        [Fact]
        public Task Rewrites_the_parameter_and_every_argument_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Printer
            {
                // Prints one pair.
                private static void Print(Tuple<int, string?> pair) => Console.WriteLine(pair.Item1 + ": " + pair.Item2);

                void Run(int n)
                {
                    Print({|MEM013:Tuple.Create<int, string?>(n, null)|});
                    Print({|MEM013:new Tuple<int, string?>(n + 1, "b")|}); // the next one
                }
            }
            """, """
            using System;

            class Printer
            {
                // Prints one pair.
                private static void Print((int, string?) pair) => Console.WriteLine(pair.Item1 + ": " + pair.Item2);

                void Run(int n)
                {
                    Print((n, null));
                    Print((n + 1, "b")); // the next one
                }
            }
            """);

        [Fact]
        public Task Rewrites_an_extension_method_parameter_after_this() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            static class Printing
            {
                private static string Describe(this string prefix, Tuple<int, int> range) => prefix + range.Item1 + ".." + range.Item2;

                public static string Run(int n) => "r".Describe({|MEM013:Tuple.Create(0, n)|});
            }
            """, """
            using System;

            static class Printing
            {
                private static string Describe(this string prefix, (int, int) range) => prefix + range.Item1 + ".." + range.Item2;

                public static string Run(int n) => "r".Describe((0, n));
            }
            """);
    }
}
