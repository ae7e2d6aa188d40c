using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.StringConcatenationInLoopAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.StringConcatenationInLoopFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class StringConcatenationInLoopAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string[] items, List<string> list, IAsyncEnumerable<string> stream, int n, bool flag)
                {
                    {{body}}
                    await Task.Yield();
                }
            }

            class Node
            {
                public string Text { get; set; } = "";
                public Node Inner { get; set; } = null!;
            }
            """;

        [Theory]
        [InlineData("string s = \"\"; for (int i = 0; i < n; i++) { {|MEM001:s += items[i]|}; }")]
        [InlineData("string s = \"\"; for (int i = 0; i < n; i++) {|MEM001:s += items[i]|};")]
        [InlineData("string s = \"\"; foreach (var item in items) { {|MEM001:s += item|}; }")]
        [InlineData("string s = \"\"; while (n-- > 0) { {|MEM001:s += \"x\"|}; }")]
        [InlineData("string s = \"\"; do { {|MEM001:s += \"x\"|}; } while (n-- > 0);")]
        [InlineData("string s = \"\"; await foreach (var item in stream) { {|MEM001:s += item|}; }")]
        [InlineData("string s = \"\"; foreach (var a in items) { foreach (var b in items) { {|MEM001:s += a + b|}; } }")]
        [InlineData("string s = \"\"; list.ForEach(item => {|MEM001:s += item|});")]
        [InlineData("string s = \"\"; Array.ForEach(items, item => { {|MEM001:s += item|}; });")]
        [InlineData("string s = \"\"; Parallel.For(0, n, i => { {|MEM001:s += i|}; });")]
        [InlineData("string s = \"\"; Parallel.ForEach(items, item => { {|MEM001:s += item|}; });")]
        [InlineData("string s = \"\"; for (int i = 0; i < n; {|MEM001:s += i|}, i++) { }")]
        [InlineData("for (string s = \"\"; s.Length < n; ) { {|MEM001:s += \"x\"|}; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { if (flag) { {|MEM001:s += item|}; } }")]
        [InlineData("string s = \"\"; foreach (var item in items) { switch (item) { case \"a\": {|MEM001:s += item|}; break; default: break; } }")]
        [InlineData("string s = \"\"; foreach (var item in items) { {|MEM001:s += item|}; if (flag) break; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { {|MEM001:s += item|}; continue; }")]
        [InlineData("string s = \"\"; foreach (var a in items) { foreach (var b in items) { {|MEM001:s += b|}; break; } }")]
        [InlineData("string s = \"\"; foreach (var a in items) { string t = \"\"; foreach (var b in items) { {|MEM001:t += b|}; } }")]
        [InlineData("string s = \"\"; foreach (var item in items) { try { {|MEM001:s += item|}; } finally { } }")]
        [InlineData("string s = \"\"; foreach (var item in items) { Func<int> f = () => 1; {|MEM001:s += item|}; }")]
        public Task Reports_every_loop_form(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("{|MEM001:s += item|}")]
        [InlineData("{|MEM001:s = s + item|}")]
        [InlineData("{|MEM001:s = s + item + \", \"|}")]
        [InlineData("{|MEM001:s = item + s|}")]
        [InlineData("{|MEM001:s = \"[\" + s + \"]\"|}")]
        [InlineData("{|MEM001:s = string.Concat(s, item)|}")]
        [InlineData("{|MEM001:s = string.Concat(item, s)|}")]
        [InlineData("{|MEM001:s = string.Concat(s, item, \", \", item, \"!\")|}")]
        [InlineData("{|MEM001:s = $\"{s}{item}\"|}")]
        [InlineData("{|MEM001:s = $\"{item}{s}\"|}")]
        [InlineData("{|MEM001:s = string.Format(\"{0}{1}\", s, item)|}")]
        [InlineData("{|MEM001:s = string.Format(\"{0}{1}{2}{3}\", s, item, 1, 2)|}")]
        [InlineData("{|MEM001:s += item.Length|}")]
        [InlineData("{|MEM001:s += item[0]|}")]
        [InlineData("{|MEM001:s = (s + item)|}")]
        [InlineData("{|MEM001:s = $\"{item,5}{s}\"|}")]
        [InlineData("{|MEM001:s = $\"{s,-10}|\"|}")]
        public Task Reports_every_accumulation_form(string accumulation)
            => VerifyCS.VerifyAnalyzerAsync(InMethod($"string s = \"\"; foreach (var item in items) {{ {accumulation}; }}"));

        [Fact]
        public Task Reports_parameters_fields_properties_and_static_members() => VerifyCS.VerifyAnalyzerAsync("""
            class Node { public string Name = ""; }

            class C
            {
                private string _log = "";
                private static string s_all = "";
                public string Text { get; set; } = "";
                private readonly Node _node = new Node();

                void M(string prefix, string[] items, Node node)
                {
                    foreach (var item in items)
                    {
                        {|MEM001:prefix += item|};
                        {|MEM001:_log += item|};
                        {|MEM001:this._log = this._log + item|};
                        {|MEM001:s_all += item|};
                        {|MEM001:C.s_all += item|};
                        {|MEM001:Text += item|};
                        {|MEM001:node.Name += item|};
                        {|MEM001:_node.Name += item|};
                    }
                }
            }
            """);

        [Fact]
        public Task Names_the_variable_in_the_message_and_points_at_the_outermost_loop() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("string report = \"\"; {|#1:foreach (var item in items) { {|#0:report += item|}; }|}"),
            VerifyCS.Diagnostic("MEM001").WithLocation(0).WithLocation(1).WithArguments("report"));

        [Theory]
        [InlineData("foreach (var item in items) { string s = \"\"; s += item; }")]
        [InlineData("foreach (var item in items) { var s = item; s = s + \"!\"; }")]
        [InlineData("foreach (var item in items) { var line = item + \", \" + item; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { s += item; break; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { s += item; return; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { s += item; throw new Exception(s); }")]
        [InlineData("string s = \"\"; foreach (var item in items) { if (item == \"x\") { s += item; break; } }")]
        [InlineData("string s = \"\"; foreach (var item in items) { if (flag) { s += item; } break; }")]
        [InlineData("string s = \"\"; foreach (var a in items) { foreach (var b in items) { s += b; return; } }")]
        [InlineData("string s = \"\"; foreach (var a in items) { foreach (var b in items) { s += b; break; } break; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { switch (item) { case \"a\": s += item; return; } }")]
        [InlineData("int total = 0; foreach (var item in items) { total += item.Length; }")]
        [InlineData("double total = 0; for (int i = 0; i < n; i++) { total = total + i; }")]
        [InlineData("Action a = null; foreach (var item in items) { a += () => { }; }")]
        [InlineData("Func<string> f = null; foreach (var item in items) { f = f + (() => item); }")]
        [InlineData("string s = \"\"; foreach (var item in items) { s = \"a\" + \"b\"; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { s = item + \"!\"; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { Action f = () => s += item; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { Func<string> f = delegate { return s += item; }; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { void Local() { s += item; } }")]
        [InlineData("string s = \"\"; for (s += \"x\"; n > 0; n--) { }")]
        [InlineData("string s = \"\"; foreach (var item in (s += \"x\").Split(',')) { }")]
        [InlineData("list.ForEach(item => { string s = \"\"; s += item; });")]
        [InlineData("list.ForEach(item => { item += \"!\"; });")]
        [InlineData("string s = \"\"; list.Select(item => s += item).ToList();")]
        [InlineData("for (int i = 0; i < n; i++) { items[i] += \"!\"; }")]
        [InlineData("var d = new Dictionary<string, string>(); foreach (var item in items) { d[item] += item; }")]
        [InlineData("string s = \"\"; s += \"x\"; s = s + \"y\";")]
        [InlineData("foreach (var item in items) { items[0] = items[0] + item; }")]
        [InlineData("string s = \"\"; foreach (var item in items) { s = $\"{s.Length}\"; }")]
        [InlineData("string s = \"\"; list.ForEach(item => { s += item; throw new Exception(); });")]
        // The receiver is declared in the loop: each iteration appends to a different object.
        [InlineData("var nodes = new List<Node>(); for (int i = 1; i < nodes.Count; i++) { if (nodes[i - 1] is Node a && nodes[i] is Node b) { a.Text += b.Text; } }")]
        [InlineData("var nodes = new List<Node>(); foreach (var node in nodes) { node.Text += \"!\"; }")]
        [InlineData("var nodes = new List<Node>(); foreach (var node in nodes) { var current = node; current.Inner.Text = current.Inner.Text + \"!\"; }")]
        public Task Stays_silent(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Stays_silent_when_the_instance_changes_per_iteration() => VerifyCS.VerifyAnalyzerAsync("""
            class Node { public string Name = ""; public Node Next; }

            class C
            {
                Node Get() => new Node();

                void M(Node[] nodes)
                {
                    for (int i = 0; i < nodes.Length; i++)
                    {
                        nodes[i].Name += "!";
                        Get().Name += "!";
                    }
                }
            }
            """);

        [Fact]
        public Task Stays_silent_in_generated_code() => VerifyCS.VerifyAnalyzerAsync("""
            // <auto-generated/>
            class C
            {
                string M(string[] items)
                {
                    string s = "";
                    foreach (var item in items) { s += item; }
                    return s;
                }
            }
            """);

        [Fact]
        public Task Reports_in_top_level_statements() => VerifyCS.VerifyProgramAsync("""
            using System;

            var report = "";
            foreach (var arg in args)
            {
                {|MEM001:report += arg|};
            }

            Console.WriteLine(report);
            """);

        [Fact]
        public Task Reports_in_local_functions_lambdas_iterators_and_records() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            record Person(string Name, string[] Tags)
            {
                public string AllTags()
                {
                    var all = "";
                    foreach (var tag in Tags) { {|MEM001:all += tag|}; }
                    return all;
                }
            }

            class C(string[] items)
            {
                public IEnumerable<string> Iterator()
                {
                    var s = "";
                    foreach (var item in items) { {|MEM001:s += item|}; yield return s; }
                }

                public async Task<string> Async()
                {
                    var s = "";
                    foreach (var item in items) { await Task.Delay(1); {|MEM001:s += item|}; }
                    return s;
                }

                public string Local()
                {
                    return Join();

                    string Join()
                    {
                        var s = "";
                        for (var i = 0; i < items.Length; i++) { {|MEM001:s += items[i]|}; }
                        return s;
                    }
                }

                public Func<string> Lambda() => () =>
                {
                    var s = "";
                    foreach (var item in items) { {|MEM001:s += item|}; }
                    return s;
                };

                public string Patterns(object[] values)
                {
                    var s = "";
                    foreach (var value in values)
                    {
                        if (value is string { Length: > 0 } text) { {|MEM001:s += text|}; }
                        switch (value)
                        {
                            case int number when number > 0:
                                {|MEM001:s += number|};
                                break;
                        }
                    }

                    foreach (var item in (string[])[.. items, "end"]) { {|MEM001:s += item|}; }
                    return s;
                }
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp3)]
        [InlineData(LanguageVersion.CSharp7_3)]
        public Task Reports_on_old_language_versions(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            class C
            {
                string M(string[] items)
                {
                    string s = "";
                    foreach (string item in items) { {|MEM001:s += item|}; }
                    return s;
                }
            }
            """, version);
    }
}
