using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.MaterializedCollectionConsumedOnceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.MaterializedCollectionConsumedOnceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class MaterializedCollectionConsumedOnceFixerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items, List<string> list)
                {
                    {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("foreach (var item in {|MEM006:items.ToList()|}) { Console.WriteLine(item); }", "foreach (var item in items) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in {|MEM006:items.ToArray()|}) Console.WriteLine(item);", "foreach (var item in items) Console.WriteLine(item);")]
        [InlineData("foreach (var item in {|MEM006:new List<string>(items)|}) { }", "foreach (var item in items) { }")]
        [InlineData("foreach (var item in {|MEM006:Enumerable.ToList(items)|}) { }", "foreach (var item in items) { }")]
        [InlineData("foreach (var item in {|MEM006:items.Where(i => i.Length > 1).ToList()|}) { }", "foreach (var item in items.Where(i => i.Length > 1)) { }")]
        [InlineData("foreach (var item in {|MEM006:new List<string>(list.Count > 0 ? list : items)|}.Where(i => i != null)) { }", "foreach (var item in (list.Count > 0 ? list : items).Where(i => i != null)) { }")]
        [InlineData("var n = {|MEM006:items.ToList()|}.Count();", "var n = items.Count();")]
        [InlineData("var n = {|MEM006:items.Select(i => i.Length).ToArray()|}.Sum();", "var n = items.Select(i => i.Length).Sum();")]
        [InlineData("var s = string.Join(\", \", {|MEM006:items.ToList()|});", "var s = string.Join(\", \", items);")]
        [InlineData("var s = string.Join(\", \", {|MEM006:items.ToArray()|});", "var s = string.Join(\", \", items);")]
        [InlineData("var set = new HashSet<string>({|MEM006:items.ToList()|});", "var set = new HashSet<string>(items);")]
        [InlineData("var all = new List<string>(); all.AddRange({|MEM006:items.ToArray()|});", "var all = new List<string>(); all.AddRange(items);")]
        [InlineData("foreach (var item in /* keep */ {|MEM006:items.ToList()|} /* too */) { }", "foreach (var item in /* keep */ items /* too */) { }")]
        public Task Removes_the_copy(string body, string fixedBody) => VerifyCS.VerifyCodeFixAsync(InMethod(body), InMethod(fixedBody));

        [Fact]
        public Task Removes_a_local_that_only_held_the_copy_keeping_its_comment() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    // Only the long ones.
                    var longOnes = {|MEM006:items.Where(i => i.Length > 3).ToList()|};
                    foreach (var item in longOnes)
                    {
                        Console.WriteLine(item);
                    }

                    var names = {|MEM006:items.ToArray()|};
                    Console.WriteLine(string.Join(",", names));
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    // Only the long ones.
                    foreach (var item in items.Where(i => i.Length > 3))
                    {
                        Console.WriteLine(item);
                    }

                    Console.WriteLine(string.Join(",", items));
                }
            }
            """);

        [Fact]
        public Task Rewrites_list_ForEach_as_a_foreach_statement() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    var sink = new List<string>();
                    {|MEM006:items.ToList()|}.ForEach(item => Console.WriteLine(item)); // print
                    {|MEM006:items.Where(i => i.Length > 0).ToList()|}.ForEach(item =>
                    {
                        if (item.Length > 5)
                        {
                            return;
                        }

                        switch (item)
                        {
                            case "x":
                                return;
                        }

                        Action later = () => { return; };
                        sink.Add(item);
                    });
                    {|MEM006:items.ToList()|}.ForEach((string text) => { foreach (var c in text) { Console.Write(c); } });
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    var sink = new List<string>();
                    foreach (var item in items)
                    {
                        Console.WriteLine(item);
                    } // print
                    foreach (var item in items.Where(i => i.Length > 0))
                    {
                        if (item.Length > 5)
                        {
                            continue;
                        }

                        switch (item)
                        {
                            case "x":
                                continue;
                        }

                        Action later = () => { return; };
                        sink.Add(item);
                    }
                    foreach (string text in items)
                    { foreach (var c in text) { Console.Write(c); } }
                }
            }
            """);

        [Theory]
        // 'return' inside a nested loop would become 'continue' of that loop.
        [InlineData("{|MEM006:items.ToList()|}.ForEach(item => { foreach (var c in item) { if (c == 'x') return; } });")]
        // The parameter's name is taken by a local of the method.
        [InlineData("var item = \"\"; {|MEM006:items.ToList()|}.ForEach(item => Console.WriteLine(item));")]
        // async lambdas run concurrently; a foreach with await would run them one after the other.
        [InlineData("var local = new List<string>(); {|MEM006:local.Where(i => i.Length > 0).ToList()|}.ForEach(async item => await System.Threading.Tasks.Task.Delay(item.Length));")]
        [InlineData("{|MEM006:items.ToList()|}.ForEach(Console.WriteLine);")]
        public Task Offers_no_fix_when_the_rewrite_could_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync(InMethod(body));

        [Fact]
        public Task Offers_no_fix_when_the_consumer_would_bind_to_another_method()
        {
            // Without the copy, Reverse() would bind to List<T>.Reverse(), which reverses in place and returns nothing.
            var source = InMethod("var n = {|MEM006:Enumerable.ToArray(list)|}.Reverse().Count();");
            return VerifyCS.VerifyCodeFixAsync(source, source, LanguageVersion.CSharp12);
        }

        [Fact]
        public Task Fix_all_rewrites_every_copy_in_the_document() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    foreach (var a in {|MEM006:items.ToList()|})
                    {
                        foreach (var b in {|MEM006:items.Where(i => i != a).ToArray()|})
                        {
                            Console.WriteLine(a + b);
                        }
                    }

                    var n = {|MEM006:items.ToList()|}.Count(i => i.Length > 1);
                }

                int P(IEnumerable<int> values) => {|MEM006:values.ToArray()|}.Sum();
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    foreach (var a in items)
                    {
                        foreach (var b in items.Where(i => i != a))
                        {
                            Console.WriteLine(a + b);
                        }
                    }

                    var n = items.Count(i => i.Length > 1);
                }

                int P(IEnumerable<int> values) => values.Sum();
            }
            """);

        [Fact]
        public Task Fixes_top_level_statements() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Linq;

            var words = new[] { "a", "bb" };
            var longer = {|MEM006:words.Where(w => w.Length > 1).ToList()|};
            foreach (var w in longer) Console.WriteLine(w);
            """, """
            using System;
            using System.Linq;

            var words = new[] { "a", "bb" };
            foreach (var w in words.Where(w => w.Length > 1)) Console.WriteLine(w);
            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);

        [Fact]
        public Task Fixes_old_language_versions() => VerifyCS.VerifyCodeFixAsync(
            InMethod("foreach (var item in {|MEM006:items.ToList()|}) { Console.WriteLine(item); }"),
            InMethod("foreach (var item in items) { Console.WriteLine(item); }"),
            LanguageVersion.CSharp7_3);
    }
}
