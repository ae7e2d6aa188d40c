using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MemoryAnalyzers.Benchmarks;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MemoryAnalyzers.Tests
{
    /// <summary>
    /// No input may make an analyzer throw: half-typed, unbalanced and erroneous code, and the generated inputs on
    /// which flow analyzers are known to hang. (How long they take is the benchmarks' business, not a test's.)
    /// </summary>
    public sealed class RobustnessTests
    {
        private const string TypicalFile = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker(string name)
            {
                private string _log = "";
                private readonly object _gate = new();
                public event EventHandler? Done;

                public async Task<string> RunAsync(IEnumerable<string> items, IAsyncEnumerable<string> more)
                {
                    var report = "";
                    foreach (var item in items.Where(i => i.Length > 0).ToList())
                    {
                        report += $"{name}: {item}";
                        _log = _log + item;
                        if (item == "stop") break;
                    }

                    await foreach (var line in more) { report = string.Concat(report, line); }
                    using var reader = new StreamReader(File.OpenRead("x"));
                    Monitor.Enter(_gate);
                    try { report += reader.ReadLine(); } finally { Monitor.Exit(_gate); }
                    items.ToList().ForEach(x => report += x);
                    Func<string> f = () => report[0] + report.Length.ToString();
                    Done?.Invoke(this, EventArgs.Empty);
                    return report + f();
                }
            }
            """;

        public static IEnumerable<object[]> BrokenSnippets() => new[]
        {
            "class C { void M(string[] a) { string s = \"\"; foreach (var x in a) { s += } } }",
            "class C { void M(string[] a) { string s = \"\"; foreach (var x in ) { s += x; } } }",
            "class C { void M(string[] a) { string s = \"\"; for (;; { s = s + ; } } }",
            "class C { void M() { s += 1; while (true) { t += u; } } }",
            "class C { void M(string[] a) { string s; foreach (var x in a) s = string.Concat(s, } }",
            "class C { void M(string[] a) { string s = \"\"; foreach (var x in a) { s = $\"{s}{ ; } } }",
            "class C { void M(string[] a) { string s = \"\"; do { s += x } while ( } }",
            "class C { void M(string[] a) { string s = \"\"; a.ToList().ForEach(x => s += ); } }",
            "class C { void M(Undefined[] a) { Undefined s = null; foreach (var x in a) { s += x; } } }",
            "class C { string P { get { var s = \"\"; foreach (var c in P) s += c; return s; } } }",
            "class C { void M(string[] a) { string s = \"\"; foreach (var x in a) { goto L; s += x; L: ; } } }",
            "class C { void M(string[] a) { string s = \"\"; foreach (var x in a) { s = s + x + ; break } } }",
            "{ { { ( ( [ [ ",
            "class C { void M() { for (var s = \"\"; ; s += 1) } }",
            "using System; class C { void M(string[] a) { string s = \"\"; Parallel.For(0, 1, i => s += a[i]); } }",
            "class C { void M(string[] a) { ref string r = ref a[0]; foreach (var x in a) { r += x; } } }",
            "class C { void M(dynamic d, string[] a) { string s = \"\"; foreach (var x in a) { s += d; d += s; } } }",
            "class C { void M(string p) { var s = System.IO.File.OpenRead(; s. ; s.Dispose( } }",
            "class C { async void M() { await using var x = new ; var y = new System.IO.FileStream(; y?.Dispose(); } }",
            "class C { void M(object o) { System.Threading.Monitor.Enter(o; System.Threading.Monitor.Exit( } }",
            "class C { void M(System.Threading.SemaphoreSlim s) { s.Wait(; s.Release(1, } }",
            "using System.Linq; class C { void M(int[] a) { foreach (var x in a.ToList( { } } }",
            "using System.Linq; class C { void M(int[] a) { var l = a.ToList(); foreach (var x in ) { } } }",
            "using System.Linq; class C { void M(int[] a) { a.ToList().ForEach(x => { return }); } }",
            "using System.Linq; class C { void M(Undefined a) { foreach (var x in a.ToList()) { } new List<int>(a); } }",
            "using System.Linq; class C { void M(int[] a) { var n = a.ToArray().Count(; } }",
            "using System.Collections.Generic; class C { string M(List<string> n) => string.Join(\",\", n.ToArray(), ); }",
            "using System.Collections.Generic; class C { string M(List<string> n) => string.Join(\",\", n.ToArray(); }",
            "using System.Collections.Generic; class C { string M(List<Undefined> n) => string.Join(\",\", n.ToArray()); }",
            "using System.Collections.Generic; class C { string M(List<string> n) => string.Join(\",\", n?.ToArray()); }",
            "using System.Collections.Generic; class C { void M(List<string> n) => Undefined.Join(\",\", n.ToArray()); }",
            "using System.Linq; class C { void M(int[] a) { var r = (from x in a select new { x, }).ToList(); foreach (var y in r) { } } }",
            "using System.Linq; class C { void M(int[] a) { a = a.Where(x => ).ToArray(); foreach (var y in a) { } } }",
            "using System.Linq; class C { void M(int[] a) { int[] b; if (a.Length > 0) b = a.ToArray(); else b = ; foreach (var y in b) { } } }",
            "using System.Linq; class C { void M(int[] a) { var b = a.ToList(); goto L; L: foreach (var y in b) { } } }",
            "using System.Linq; class C { void M(int[] a) { b = a.ToArray(); foreach (var y in b) { } } }",
            "using System.IO; class C { void M(string p) { foreach (var l in File.ReadAllLines()) { } } }",
            "using System.IO; class C { async void M(string p) { foreach (var l in await File.ReadAllLinesAsync(p, )) { } } }",
            "using System.IO; class C { void M(string p) { foreach (var l in File.ReadAllText(p).Split(\n')) { } } }",
            "using System.IO; class C { void M(string p) { foreach (var c in File.ReadAllText()) { } } }",
            "using System.IO; using System.Linq; class C { void M(string p) { var n = File.ReadAllBytes(p).Count(b => ); } }",
            "using System.IO; class C { async void M(string p) { foreach (var b in await File.ReadAllBytesAsync(p).ConfigureAwait() { } } }",
            "using System.IO; class C { void M(string p) { var t = File.ReadAllText(p); foreach (var w in t.Split(Undefined)) { } } }",
            "using System.IO; class C { void M(Undefined p) { foreach (var w in File.ReadAllText(p).Split(' ')) { } } }",
            "using System.IO; class C { void M(string p) { foreach (var w in File.ReadAllText(p).Split(' ', )) { } } }",
            "using System.Collections.Generic; class C { IEnumerable<int> M() { var r = new List<int>(); r.Add(); return r; } }",
            "using System.Collections.Generic; class C { IEnumerable<int> M() { var r = new List<int>(); r.Add(1) return } }",
            "using System.Collections.Generic; class C { IEnumerable<Undefined> M() { var r = new List<Undefined>(); r.Add(null); return r; } }",
            "using System.Collections.Generic; class C { IEnumerable<int> P { get { var r = new List<int>(); return r; } set { } } }",
            "using System.Collections.Generic; using System.Linq; class C { IEnumerable<int> M() { var r = new List<int>(); r.Add(1); return r.Where(x => ); } }",
            "using System.Collections.Generic; using System.Linq; class C { IEnumerable<int> M() { var r = new List<int>(); r.Add(1); return r.Distinct(; } }",
            "using System.Collections.Generic; using System.Linq; class C { IEnumerable<int> M() { var r = new List<int>(); r.Add(1); return Undefined.Distinct(r); } }",
            "using System.Collections.Generic; using System.Linq; class C { IEnumerable<int> M() { var r = new List<int>(); r.Add(1); return r.Select(Undefined); } }",
        }.Select(code => new object[] { code });

        [Theory]
        [MemberData(nameof(BrokenSnippets))]
        public async Task No_analyzer_throws_on_broken_code(string code)
        {
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Broken.cs", code) });
            await AnalyzerCatalog.RunAllAsync(compilation);
        }

        [Fact]
        public async Task No_analyzer_throws_on_any_prefix_of_a_typical_file()
        {
            // Every 11th prefix, as if the file were being typed from the top.
            for (var length = 0; length <= TypicalFile.Length; length += 11)
            {
                var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Typing.cs", TypicalFile.Substring(0, length)) });
                await AnalyzerCatalog.RunAllAsync(compilation);
            }
        }

        [Fact]
        public async Task A_method_of_20000_statements_is_analysed_and_every_accumulation_reported()
        {
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Huge.cs", CodeCorpus.HugeMethod(CodeCorpus.HugeMethodStatements)) });
            var diagnostics = await AnalyzerCatalog.RunAllAsync(compilation);

            // Half the statements accumulate into 's' (every 4th directly, every 4th inside an 'if').
            Assert.Equal(CodeCorpus.HugeMethodStatements / 2, diagnostics.Count(d => d.Id == RuleIds.StringConcatenationInLoop));
        }

        [Fact]
        public async Task A_method_of_20000_statements_of_copies_and_lists_is_analysed()
        {
            var body = new System.Text.StringBuilder();
            const int Groups = 5000;
            for (var i = 0; i < Groups; i++)
            {
                body.Append(i % 10 == 0 ? "foreach (var x in items.ToList()) { Console.WriteLine(x); }\n" : "Console.WriteLine(items.ToList().Count());\n");
                // Read one statement later: the statement in between is checked, not the rest of the block.
                body.Append("var copy").Append(i).Append(" = items.ToArray();\n");
                body.Append("result.Add(i").Append(");\n".Replace(");", i % 2 == 0 ? ".ToString());" : " + \"\");"));
                body.Append("Console.WriteLine(string.Join(\",\", copy").Append(i).Append("));\n");
            }

            var code = "using System; using System.Collections.Generic; using System.Linq;\n"
                + "class Huge { IEnumerable<string> M(IEnumerable<string> items, int i) { var result = new List<string>();\n" + body + "return result; } }";
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("HugeCopies.cs", code) });
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var diagnostics = await AnalyzerCatalog.RunAllAsync(compilation);

            Assert.Equal(2 * Groups, diagnostics.Count(d => d.Id == RuleIds.MaterializedCollectionConsumedOnce));
            Assert.Single(diagnostics, d => d.Id == RuleIds.ListReturnedAsSequence);
        }

        [Fact]
        public async Task A_method_of_20000_statements_of_whole_file_reads_is_analysed()
        {
            var body = new System.Text.StringBuilder();
            const int Groups = 5000;
            for (var i = 0; i < Groups; i++)
            {
                body.Append("var text").Append(i).Append(" = File.ReadAllText(path);\n");
                body.Append("foreach (var w in text").Append(i).Append(".Split(' ')) { total += w.Length; }\n");
                body.Append(i % 2 == 0 ? "total += File.ReadAllBytes(path).Count(b => b == 0);\n" : "total += File.ReadAllText(path).Length;\n");
                body.Append("total += i;\n");
            }

            var code = "using System.IO; using System.Linq;\n"
                + "class Huge { int M(string path, int i) { var total = 0;\n" + body + "return total; } }";
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("HugeReads.cs", code) });
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var diagnostics = await AnalyzerCatalog.RunAllAsync(compilation);

            Assert.Equal(Groups + Groups / 2, diagnostics.Count(d => d.Id == RuleIds.WholeFileScannedOnce));
        }

        [Fact]
        public async Task A_5000_term_concatenation_is_analysed_and_reported_once()
        {
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Long.cs", CodeCorpus.LongExpression(CodeCorpus.LongExpressionTerms)) });
            var diagnostics = await AnalyzerCatalog.RunAllAsync(compilation);

            Assert.Single(diagnostics, d => d.Id == RuleIds.StringConcatenationInLoop);
        }
    }
}
