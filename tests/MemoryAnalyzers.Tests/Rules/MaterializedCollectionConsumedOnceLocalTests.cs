using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.MaterializedCollectionConsumedOnceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.MaterializedCollectionConsumedOnceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM006 on a copy stored in a local and read once a few statements later: declared there
    /// (<c>var rows = ...ToList();</c>), or assigned to a local declared earlier (<c>files = files.Where(...).ToArray();</c>,
    /// in a statement or an <c>if</c>/<c>else</c> branch). The statements in between are checked like the consumer.
    /// </summary>
    public sealed class MaterializedCollectionConsumedOnceLocalTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                private readonly List<string> _names = new List<string>();
                private string[] _sorted = Array.Empty<string>();

                async Task M(string folder, IEnumerable<string> items, List<string> list, string[] array, bool byName)
                {
                    var files = Directory.GetFiles(folder);
                    {{body}}
                    await Task.Yield();
                }

                void Reset() => _names.Clear();
            }
            """;

        [Theory]
        // Assigned to a local declared earlier, then read by one foreach.
        [InlineData("files = {|MEM006:files.Where(f => f.EndsWith(\".cs\")).ToArray()|};\nforeach (var file in files) { Console.WriteLine(file); }")]
        [InlineData("files = {|MEM006:files.Where(f => f.Length > 3).ToArray()|};\nConsole.WriteLine(\"Files:\");\nvar count = 0;\nforeach (var file in files) { count++; Console.WriteLine(file); }")]
        [InlineData("files = {|MEM006:files.OrderBy(f => f).ToArray()|};\nvar text = string.Join(\",\", files);")]
        [InlineData("IEnumerable<string> selected = items;\nif (byName) selected = {|MEM006:items.Where(i => i.Length > 1).ToList()|};\nforeach (var item in selected) { Console.WriteLine(item); }")]
        // Assigned in an if/else branch; the read follows the if.
        [InlineData("string[] sorted;\nif (byName) { sorted = {|MEM006:array.OrderBy(a => a).ToArray()|}; } else { sorted = array; }\nforeach (var name in sorted) { Console.WriteLine(name); }")]
        [InlineData("string[] sorted;\nif (byName) sorted = {|MEM006:list.OrderBy(a => a).ToArray()|};\nelse sorted = {|MEM006:list.OrderByDescending(a => a).ToArray()|};\nConsole.WriteLine(\"sorted\");\nforeach (var name in sorted) { Console.WriteLine(name); }")]
        [InlineData("string[] sorted;\nif (byName)\n{\n    sorted = {|MEM006:items.OrderBy(a => a).ToArray()|};\n    Console.WriteLine(\"by name\");\n}\nelse\n{\n    sorted = array;\n}\n\nforeach (var name in sorted) { Console.WriteLine(name); }")]
        // Declared, then read a few statements later, also inside a later if.
        [InlineData("var rows = {|MEM006:items.Where(i => i.Length > 1).ToList()|};\nConsole.WriteLine(\"header\");\nvar total = 0;\nforeach (var row in rows) { total += row.Length; }")]
        [InlineData("var rows = {|MEM006:list.Select(i => i.Trim()).ToArray()|};\nConsole.WriteLine(list.Count);\nif (byName) { foreach (var row in rows) { Console.WriteLine(row); } }")]
        [InlineData("var names = {|MEM006:list.ToArray()|};\nvar separator = \", \";\nConsole.WriteLine(string.Join(separator, names));")]
        public Task Reports_a_local_read_once_a_few_statements_later(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Reports_in_local_functions_and_lambdas() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Linq;

            class C
            {
                void M(string folder)
                {
                    Print(folder);
                    Action<string[]> print = all =>
                    {
                        all = {|MEM006:all.Where(a => a.Length > 0).ToArray()|};
                        Console.WriteLine(all.Length == 0 ? "" : "files:");
                    };

                    static void Print(string folder)
                    {
                        var files = Directory.GetFiles(folder);
                        files = {|MEM006:files.Where(f => f.EndsWith(".txt")).ToArray()|};
                        Console.WriteLine("Text files:");
                        foreach (var file in files) Console.WriteLine(file);
                    }
                }
            }
            """.Replace("all = {|MEM006:all.Where(a => a.Length > 0).ToArray()|};", "var shown = {|MEM006:all.Where(a => a.Length > 0).ToArray()|};\n            Console.WriteLine(\"-\");\n            foreach (var a in shown) Console.WriteLine(a);"));

        [Theory]
        // Read more than once after the assignment, or not at all.
        [InlineData("files = files.Where(f => f.Length > 3).ToArray();\nConsole.WriteLine(files.Length);\nforeach (var file in files) { }")]
        [InlineData("files = files.Where(f => f.Length > 3).ToArray();\nforeach (var file in files) { }\nforeach (var file in files) { }")]
        [InlineData("string[] sorted = array;\nsorted = array.OrderBy(a => a).ToArray();\nsorted = array;\nforeach (var name in sorted) { }")]
        [InlineData("string[] sorted = array;\nif (byName) sorted = array.OrderBy(a => a).ToArray();\nelse foreach (var name in sorted) { }")]
        // Assigned in a loop: the read may see the copy of any iteration, and the next iteration reads the local.
        [InlineData("foreach (var ext in new[] { \".cs\", \".txt\" }) { files = files.Where(f => !f.EndsWith(ext)).ToArray(); }\nforeach (var file in files) { }")]
        [InlineData("string[] sorted = array;\nwhile (byName) { sorted = array.OrderBy(a => a).ToArray(); byName = false; }\nforeach (var name in sorted) { }")]
        // Captured by a lambda, or taken by reference: it may be read or changed elsewhere.
        [InlineData("Func<int> count = () => files.Length;\nfiles = files.Where(f => f.Length > 3).ToArray();\nforeach (var file in files) { }\nConsole.WriteLine(count());")]
        [InlineData("files = files.Where(f => f.Length > 3).ToArray();\nAction print = () => { foreach (var file in files) { } };\nprint();")]
        [InlineData("Array.Resize(ref files, 2);\nfiles = files.Where(f => f.Length > 3).ToArray();\nforeach (var file in files) { }")]
        // The statements in between change the source, or may (code of the project, an await).
        [InlineData("var copy = list.Where(i => i.Length > 0).ToList();\nlist.Clear();\nforeach (var item in copy) { }")]
        [InlineData("string[] sorted;\nif (byName) sorted = list.OrderBy(a => a).ToArray(); else sorted = array;\nlist.Add(\"x\");\nforeach (var name in sorted) { }")]
        [InlineData("var copy = _names.ToList();\nReset();\nforeach (var item in copy) { }")]
        [InlineData("var copy = items.ToList();\nawait Task.Delay(1);\nforeach (var item in copy) { }")]
        [InlineData("var lines = File.ReadAllLines(folder).Where(l => l.Length > 0).ToList();\nFile.WriteAllText(folder, \"\");\nforeach (var line in lines) { }")]
        // Too far: more than eight statements in between.
        [InlineData("var copy = items.ToList();\nConsole.WriteLine(1);\nConsole.WriteLine(2);\nConsole.WriteLine(3);\nConsole.WriteLine(4);\nConsole.WriteLine(5);\nConsole.WriteLine(6);\nConsole.WriteLine(7);\nConsole.WriteLine(8);\nConsole.WriteLine(9);\nforeach (var item in copy) { }")]
        // Stored in a field, in a try, or read in a loop.
        [InlineData("_sorted = array.OrderBy(a => a).ToArray();\nforeach (var name in _sorted) { }")]
        [InlineData("string[] sorted = array;\ntry { sorted = array.OrderBy(a => a).ToArray(); } catch (InvalidOperationException) { }\nforeach (var name in sorted) { }")]
        [InlineData("files = files.Where(f => f.Length > 3).ToArray();\nwhile (byName) { foreach (var file in files) { } byName = false; }")]
        [InlineData("string[] sorted = array.OrderBy(a => a).ToArray();\nConsole.WriteLine();\nfor (var i = 0; i < 2; i++) { foreach (var name in sorted) { } }")]
        public Task Stays_silent_when_the_local_is_not_read_once_right_away(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Removes_a_declared_copy_read_a_few_statements_later() => VerifyCS.VerifyCodeFixAsync(
            InMethod("""
                // The long ones.
                        var rows = {|MEM006:items.Where(i => i.Length > 3).ToList()|};
                        Console.WriteLine("header");
                        var total = 0;
                        foreach (var row in rows)
                        {
                            total += row.Length;
                        }

                        var names = {|MEM006:list.ToArray()|};
                        var separator = ", ";
                        Console.WriteLine(string.Join(separator, names));
                """),
            InMethod("""
                // The long ones.
                        Console.WriteLine("header");
                        var total = 0;
                        foreach (var row in items.Where(i => i.Length > 3))
                        {
                            total += row.Length;
                        }

                        var separator = ", ";
                        Console.WriteLine(string.Join(separator, list));
                """));

        [Theory]
        // The local keeps its type: an array can hold neither the query nor the list.
        [InlineData("files = {|MEM006:files.Where(f => f.EndsWith(\".cs\")).ToArray()|};\nforeach (var file in files) { Console.WriteLine(file); }")]
        [InlineData("string[] sorted;\nif (byName) { sorted = {|MEM006:array.OrderBy(a => a).ToArray()|}; } else { sorted = array; }\nforeach (var name in sorted) { Console.WriteLine(name); }")]
        [InlineData("IEnumerable<string> selected = items;\nif (byName) selected = {|MEM006:items.Where(i => i.Length > 1).ToList()|};\nforeach (var item in selected) { Console.WriteLine(item); }")]
        public Task Offers_no_fix_for_a_copy_assigned_to_a_local_declared_earlier(string body) => VerifyCS.VerifyNoCodeFixAsync(InMethod(body));
    }
}
