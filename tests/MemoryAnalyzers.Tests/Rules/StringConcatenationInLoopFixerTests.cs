using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.StringConcatenationInLoopAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.StringConcatenationInLoopFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class StringConcatenationInLoopFixerTests
    {
        [Fact]
        public Task Rewrites_the_documented_example_keeping_comments() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Item { public string Name = ""; }

            class C
            {
                void M(Item[] items)
                {
                    string report = "";
                    foreach (var item in items)
                    {
                        {|MEM001:report += item.Name + ", "|}; // keep
                    }
                    Console.WriteLine(report);
                }
            }
            """, """
            using System;
            using System.Text;

            class Item { public string Name = ""; }

            class C
            {
                void M(Item[] items)
                {
                    string report = "";
                    var reportBuilder = new StringBuilder(report);
                    foreach (var item in items)
                    {
                        reportBuilder.Append(item.Name).Append(", "); // keep
                    }
                    report = reportBuilder.ToString();
                    Console.WriteLine(report);
                }
            }
            """);

        [Theory]
        [InlineData("s += item", "sBuilder.Append(item)")]
        [InlineData("s += item[0]", "sBuilder.Append(item[0])")]
        [InlineData("s += ','", "sBuilder.Append(',')")]
        [InlineData("s += item.Length", "sBuilder.Append(item.Length)")]
        [InlineData("s += 1 + 2", "sBuilder.Append(1 + 2)")]
        [InlineData("s += \"a\" + \"b\"", "sBuilder.Append(\"a\" + \"b\")")]
        [InlineData("s += item + ':' + item.Length", "sBuilder.Append(item).Append(':').Append(item.Length)")]
        [InlineData("s += (item + \"!\")", "sBuilder.Append(item).Append(\"!\")")]
        [InlineData("s += $\"{item}, \"", "sBuilder.Append($\"{item}, \")")]
        [InlineData("s = s + item", "sBuilder.Append(item)")]
        [InlineData("s = s + item + \", \"", "sBuilder.Append(item).Append(\", \")")]
        [InlineData("s = s + null + item", "sBuilder.Append(item)")]
        [InlineData("s = string.Concat(s, item)", "sBuilder.Append(item)")]
        [InlineData("s = string.Concat(s, item, \", \")", "sBuilder.Append(item).Append(\", \")")]
        [InlineData("s = $\"{s}{item}, \"", "sBuilder.Append($\"{item}, \")")]
        [InlineData("s = $\"{s}-\"", "sBuilder.Append($\"-\")")]
        public Task Rewrites_each_accumulation_form(string accumulation, string append) => VerifyCS.VerifyCodeFixAsync($$"""
            using System.Text;

            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    foreach (var item in items)
                    {
                        {|MEM001:{{accumulation}}|};
                    }

                    return s;
                }
            }
            """, $$"""
            using System.Text;

            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    var sBuilder = new StringBuilder(s);
                    foreach (var item in items)
                    {
                        {{append}};
                    }
                    s = sBuilder.ToString();

                    return s;
                }
            }
            """);

        [Theory]
        [InlineData("for (int i = 0; i < items.Length; i++)", "{|MEM001:s += items[i]|};", "sBuilder.Append(items[i]);")]
        [InlineData("while (items.Length > 0)", "{|MEM001:s += \"x\"|};", "sBuilder.Append(\"x\");")]
        [InlineData("foreach (var a in items) foreach (var b in items)", "{|MEM001:s += a + b|};", "sBuilder.Append(a).Append(b);")]
        [InlineData("foreach (var item in items)", "switch (item) { case \"a\": {|MEM001:s += item|}; break; }", "switch (item) { case \"a\": sBuilder.Append(item); break; }")]
        [InlineData("foreach (var item in items)", "if (item.Length > 1) {|MEM001:s += item|}; else {|MEM001:s += \"?\"|};", "if (item.Length > 1) sBuilder.Append(item); else sBuilder.Append(\"?\");")]
        public Task Rewrites_every_loop_form_with_one_builder(string loopHeader, string body, string fixedBody) => VerifyCS.VerifyCodeFixAsync($$"""
            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    {{loopHeader}}
                    {
                        {{body}}
                    }
                    return s;
                }
            }
            """, $$"""
            using System.Text;

            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    var sBuilder = new StringBuilder(s);
                    {{loopHeader}}
                    {
                        {{fixedBody}}
                    }
                    s = sBuilder.ToString();
                    return s;
                }
            }
            """);

        [Fact]
        public Task Rewrites_do_while_and_await_foreach_in_async_methods() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(IAsyncEnumerable<string> lines, int n)
                {
                    var text = "";
                    await foreach (var line in lines)
                    {
                        {|MEM001:text += line|};
                    }

                    var dots = "";
                    do
                    {
                        {|MEM001:dots += '.'|};
                    }
                    while (--n > 0);
                    return text + dots;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Text;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(IAsyncEnumerable<string> lines, int n)
                {
                    var text = "";
                    var textBuilder = new StringBuilder(text);
                    await foreach (var line in lines)
                    {
                        textBuilder.Append(line);
                    }
                    text = textBuilder.ToString();

                    var dots = "";
                    var dotsBuilder = new StringBuilder(dots);
                    do
                    {
                        dotsBuilder.Append('.');
                    }
                    while (--n > 0);
                    dots = dotsBuilder.ToString();
                    return text + dots;
                }
            }
            """);

        [Fact]
        public Task Declares_the_builder_before_the_outermost_loop_and_keeps_leading_comments() => VerifyCS.VerifyCodeFixAsync("""
            class C
            {
                string M(string[][] rows, string separator)
                {

                    // one line per row
                    foreach (var row in rows)
                    {
                        foreach (var cell in row)
                        {
                            {|MEM001:separator += cell|};
                        }

                        {|MEM001:separator = separator + "\n"|};
                    }

                    return separator;
                }
            }
            """, """
            using System.Text;

            class C
            {
                string M(string[][] rows, string separator)
                {

                    // one line per row
                    var separatorBuilder = new StringBuilder(separator);
                    foreach (var row in rows)
                    {
                        foreach (var cell in row)
                        {
                            separatorBuilder.Append(cell);
                        }

                        separatorBuilder.Append("\n");
                    }
                    separator = separatorBuilder.ToString();

                    return separator;
                }
            }
            """);

        [Fact]
        public Task Picks_a_builder_name_that_clashes_with_nothing() => VerifyCS.VerifyCodeFixAsync("""
            class C
            {
                private int sBuilder;

                string M(string[] items)
                {
                    var s = "";
                    foreach (var item in items)
                    {
                        {|MEM001:s += item|};
                    }

                    if (items.Length > 0)
                    {
                        var sBuilder1 = 1;
                    }

                    return s;
                }
            }
            """, """
            using System.Text;

            class C
            {
                private int sBuilder;

                string M(string[] items)
                {
                    var s = "";
                    var sBuilder2 = new StringBuilder(s);
                    foreach (var item in items)
                    {
                        sBuilder2.Append(item);
                    }
                    s = sBuilder2.ToString();

                    if (items.Length > 0)
                    {
                        var sBuilder1 = 1;
                    }

                    return s;
                }
            }
            """);

        [Fact]
        public Task Gives_each_loop_its_own_builder_one_by_one_and_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System.Text;

            class C
            {
                string M(string[] items, string[] others)
                {
                    var s = "";
                    var t = "";
                    foreach (var item in items)
                    {
                        {|MEM001:s += item|};
                        {|MEM001:t += item|};
                        {|MEM001:s += ";"|};
                    }

                    foreach (var other in others)
                    {
                        {|MEM001:s += other|};
                    }

                    return s + t;
                }

                string N(string[] items)
                {
                    var s = "";
                    for (var i = 0; i < items.Length; i++) {|MEM001:s += items[i]|};
                    return s;
                }
            }
            """, """
            using System.Text;

            class C
            {
                string M(string[] items, string[] others)
                {
                    var s = "";
                    var t = "";
                    var sBuilder = new StringBuilder(s);
                    var tBuilder = new StringBuilder(t);
                    foreach (var item in items)
                    {
                        sBuilder.Append(item);
                        tBuilder.Append(item);
                        sBuilder.Append(";");
                    }
                    t = tBuilder.ToString();
                    s = sBuilder.ToString();

                    var sBuilder1 = new StringBuilder(s);
                    foreach (var other in others)
                    {
                        sBuilder1.Append(other);
                    }
                    s = sBuilder1.ToString();

                    return s + t;
                }

                string N(string[] items)
                {
                    var s = "";
                    var sBuilder = new StringBuilder(s);
                    for (var i = 0; i < items.Length; i++) sBuilder.Append(items[i]);
                    s = sBuilder.ToString();
                    return s;
                }
            }
            """, """
            using System.Text;

            class C
            {
                string M(string[] items, string[] others)
                {
                    var s = "";
                    var t = "";
                    var sBuilder = new StringBuilder(s);
                    var tBuilder = new StringBuilder(t);
                    foreach (var item in items)
                    {
                        sBuilder.Append(item);
                        tBuilder.Append(item);
                        sBuilder.Append(";");
                    }
                    s = sBuilder.ToString();
                    t = tBuilder.ToString();

                    var sBuilder1 = new StringBuilder(s);
                    foreach (var other in others)
                    {
                        sBuilder1.Append(other);
                    }
                    s = sBuilder1.ToString();

                    return s + t;
                }

                string N(string[] items)
                {
                    var s = "";
                    var sBuilder = new StringBuilder(s);
                    for (var i = 0; i < items.Length; i++) sBuilder.Append(items[i]);
                    s = sBuilder.ToString();
                    return s;
                }
            }
            """);

        [Fact]
        public Task Rewrites_top_level_statements() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            var report = "";
            foreach (var arg in args)
            {
                {|MEM001:report += arg|};
            }

            Console.WriteLine(report);
            """, """
            using System;
            using System.Text;

            var report = "";
            var reportBuilder = new StringBuilder(report);
            foreach (var arg in args)
            {
                reportBuilder.Append(arg);
            }
            report = reportBuilder.ToString();

            Console.WriteLine(report);
            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);

        [Fact]
        public Task Rewrites_with_a_using_block_free_language_version() => VerifyCS.VerifyCodeFixAsync("""
            class C
            {
                string M(string[] items)
                {
                    string s = "";
                    foreach (string item in items) { {|MEM001:s += item|}; }
                    return s;
                }
            }
            """, """
            using System.Text;

            class C
            {
                string M(string[] items)
                {
                    string s = "";
                    var sBuilder = new StringBuilder(s);
                    foreach (string item in items) { sBuilder.Append(item); }
                    s = sBuilder.ToString();
                    return s;
                }
            }
            """, LanguageVersion.CSharp3);

        [Fact]
        public Task Keeps_a_qualified_name_when_another_StringBuilder_is_in_scope() => VerifyCS.VerifyCodeFixAsync("""
            namespace App
            {
                class StringBuilder { }

                class C
                {
                    string M(string[] items)
                    {
                        var s = "";
                        foreach (var item in items) { {|MEM001:s += item|}; }
                        return s;
                    }
                }
            }
            """, """
            namespace App
            {
                class StringBuilder { }

                class C
                {
                    string M(string[] items)
                    {
                        var s = "";
                        var sBuilder = new System.Text.StringBuilder(s);
                        foreach (var item in items) { sBuilder.Append(item); }
                        s = sBuilder.ToString();
                        return s;
                    }
                }
            }
            """);

        [Theory]
        [InlineData("{|MEM001:s += item|}; if (s.Length > 100) break;")]
        [InlineData("{|MEM001:s += item|}; System.Console.WriteLine(s);")]
        [InlineData("{|MEM001:s += item|}; s = s.Trim();")]
        [InlineData("{|MEM001:s = item + s|};")]
        [InlineData("{|MEM001:s = \"[\" + s + \"]\"|};")]
        [InlineData("{|MEM001:s = string.Format(\"{0}{1}\", s, item)|};")]
        [InlineData("{|MEM001:s = $\"{s,5}{item}\"|};")]
        [InlineData("{|MEM001:s = string.Concat(str1: item, str0: s)|};")]
        [InlineData("{|MEM001:s += item.ToCharArray()|};")]
        [InlineData("{|MEM001:s += (dynamic)item|};")]
        [InlineData("System.Console.WriteLine({|MEM001:s += item|});")]
        [InlineData("System.Func<string> f = () => s; {|MEM001:s += item|};")]
        [InlineData("{|MEM001:s += null|};")]
        public Task Offers_no_fix_when_the_rewrite_would_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    foreach (var item in items)
                    {
                        {{body}}
                    }

                    return s;
                }
            }
            """);

        [Fact]
        public Task Offers_no_fix_for_members_ref_parameters_lambda_loops_and_embedded_loops() => VerifyCS.VerifyNoCodeFixAsync("""
            using System.Collections.Generic;

            class C
            {
                private string _log = "";
                public string Text { get; set; } = "";

                void M(string[] items, ref string byRef, List<string> list, bool flag)
                {
                    foreach (var item in items)
                    {
                        {|MEM001:_log += item|};
                        {|MEM001:Text += item|};
                        {|MEM001:byRef += item|};
                    }

                    var s = "";
                    list.ForEach(item => {|MEM001:s += item|});

                    var t = "";
                    if (flag)
                        foreach (var item in items) {|MEM001:t += item|};

                    for (string u = ""; u.Length < 10; ) {|MEM001:u += "x"|};
                }
            }
            """);
    }
}
