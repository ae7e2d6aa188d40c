using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.MaterializedCollectionConsumedOnceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.MaterializedCollectionConsumedOnceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class MaterializedCollectionConsumedOnceAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                private readonly List<string> _names = new List<string>();

                async Task M(IEnumerable<string> items, List<string> list, string[] array, Dictionary<string, int> dict, IQueryable<string> query, HashSet<string> set)
                {
                    {{body}}
                    await Task.Yield();
                }
            }
            """;

        [Theory]
        [InlineData("foreach (var item in {|MEM006:items.ToList()|}) { Console.WriteLine(item); }")]
        // A lambda elsewhere in the method that only reads the source does not make the copy necessary.
        [InlineData("var names = new List<string>(items); Func<int> count = () => names.Count; foreach (var item in {|MEM006:names.ToList()|}) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in {|MEM006:items.ToArray()|}) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in {|MEM006:new List<string>(items)|}) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in {|MEM006:Enumerable.ToList(items)|}) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in {|MEM006:items.Where(i => i.Length > 2).ToList()|}) Console.WriteLine(item);")]
        [InlineData("foreach (string item in {|MEM006:items.ToList()|}) { Console.WriteLine(item); }")]
        [InlineData("foreach (var (key, value) in {|MEM006:dict.Select(p => (p.Key, p.Value)).ToList()|}) { Console.WriteLine(key + value); }")]
        [InlineData("foreach (var item in {|MEM006:items.ToList()|}) { if (item.Length == 0) continue; Console.WriteLine(item.Trim()); }")]
        [InlineData("var found = new List<string>(); foreach (var item in {|MEM006:items.Where(i => i.Length > 1).ToList()|}) { found.Add(item); }")]
        [InlineData("var seen = new HashSet<string>(); foreach (var item in {|MEM006:items.ToArray()|}) { seen.Add(item); }")]
        [InlineData("var n = {|MEM006:items.ToList()|}.Count();")]
        [InlineData("var any = {|MEM006:items.ToList()|}.Any();")]
        [InlineData("var first = {|MEM006:items.ToArray()|}.First();")]
        [InlineData("var total = {|MEM006:items.Select(i => i.Length).ToList()|}.Sum();")]
        [InlineData("var count = {|MEM006:items.ToList()|}.Where(i => i.Length > 1).Count();")]
        [InlineData("var sorted = {|MEM006:items.ToArray()|}.OrderBy(i => i).ToList();")]
        [InlineData("foreach (var item in {|MEM006:items.ToList()|}.Where(i => i.Length > 1)) { Console.WriteLine(item); }")]
        [InlineData("var text = string.Join(\", \", {|MEM006:items.ToList()|});")]
        [InlineData("var text = string.Join(\", \", {|MEM006:items.ToArray()|});")]
        [InlineData("var text = string.Concat({|MEM006:items.ToList()|});")]
        [InlineData("var copy = new List<string>(); copy.AddRange({|MEM006:items.ToList()|});")]
        [InlineData("var unique = new HashSet<string>({|MEM006:items.ToList()|});")]
        [InlineData("var unique = new HashSet<string>({|MEM006:items.ToArray()|}, StringComparer.Ordinal);")]
        [InlineData("{|MEM006:items.ToList()|}.ForEach(item => Console.WriteLine(item));")]
        [InlineData("{|MEM006:items.Where(i => i.Length > 0).ToList()|}.ForEach(Console.WriteLine);")]
        [InlineData("var snapshot = {|MEM006:items.ToList()|}; foreach (var item in snapshot) { Console.WriteLine(item); }")]
        [InlineData("var snapshot = {|MEM006:items.ToArray()|}; Console.WriteLine(string.Join(\",\", snapshot));")]
        // Read a few statements later: the code in between leaves the source alone.
        [InlineData("var copy = {|MEM006:items.ToList()|}; Console.WriteLine(); foreach (var item in copy) { }")]
        [InlineData("List<string> snapshot = {|MEM006:items.ToList()|}; var n = snapshot.Count(s => s.Length > 1);")]
        [InlineData("foreach (var item in {|MEM006:list.Where(i => i.Length > 2).ToList()|}) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in {|MEM006:items.Where(i => i.Length > 2).ToList()|}) { Console.WriteLine(item.Length); }")]
        [InlineData("foreach (var item in {|MEM006:list.ToList()|}) { if (list.Contains(item + \"!\") || list.Count > 3) Console.WriteLine($\"{list.Count}\"); }")]
        [InlineData("foreach (var a in {|MEM006:items.ToList()|}) { foreach (var b in items.Where(i => i != a)) { } }")]
        public Task Reports_every_consumption_form(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        // The loop changes the source, or something it is derived from: the copy is what makes that legal.
        [InlineData("foreach (var k in dict.Keys.ToList()) dict.Remove(k);")]
        [InlineData("foreach (var item in list.ToList()) { list.Add(item + \"!\"); }")]
        [InlineData("foreach (var item in list.Where(i => i.Length == 0).ToList()) { list.Remove(item); }")]
        [InlineData("foreach (var item in _names.ToList()) { _names.Clear(); }")]
        [InlineData("foreach (var item in _names.ToList()) { Reset(); }")]
        [InlineData("foreach (var item in set.ToArray()) { if (item.Length == 0) set.Remove(item); }")]
        [InlineData("var copy = list.ToList(); list.Clear(); foreach (var item in copy) { Console.WriteLine(item); }")]
        [InlineData("list.AddRange(list.Where(i => i.Length > 1).ToList());")]
        [InlineData("set.UnionWith(set.Select(i => i + \"!\").ToList());")]
        [InlineData("list.ToList().ForEach(item => list.Remove(item));")]
        [InlineData("foreach (var item in list.ToList()) { Fill(list); }")]
        // The source may be a view of another collection that the loop changes.
        [InlineData("foreach (var item in items.ToList()) { _names.Remove(item); }")]
        [InlineData("foreach (var item in items.Where(i => i.Length > 0).ToList()) { dict.Remove(item); }")]
        [InlineData("foreach (var item in items.ToList()) { Forget(item); }")]
        [InlineData("list.AddRange(items.ToList());")]
        // A method of the project hands out the collection; another one may change it.
        [InlineData("foreach (var name in Registry.Names().ToList()) { Registry.Unregister(name); }")]
        [InlineData("foreach (var item in list.ToList()) { list.Capacity = 0; }")]
        [InlineData("foreach (var item in list.ToArray()) { list[0] = item; }")]
        // Used more than once, indexed, counted, kept or passed on.
        [InlineData("var copy = items.ToList(); foreach (var a in copy) { } foreach (var b in copy) { }")]
        [InlineData("var copy = items.ToList(); Console.WriteLine(copy[0]);")]
        [InlineData("var copy = items.ToList(); Console.WriteLine(copy.Count);")]
        [InlineData("var copy = items.ToArray(); Console.WriteLine(copy.Length);")]
        [InlineData("var copy = items.ToList(); Keep(copy);")]
        [InlineData("Keep(items.ToList());")]
        [InlineData("var copy = items.ToList(); Func<int> f = () => copy.Count(); Console.WriteLine(f());")]
        [InlineData("var copy = items.ToList(); for (int i = 0; i < 3; i++) { foreach (var item in copy) { } }")]
        [InlineData("var copy = items.ToList(); copy.Add(\"x\"); foreach (var item in copy) { }")]
        [InlineData("var copy = items.ToList(); copy.Sort();")]
        [InlineData("var lazy = items.ToList().Where(i => i.Length > 1); foreach (var item in lazy) { }")]
        [InlineData("var n = items.ToList().Where(i => i.Length > 1);")]
        [InlineData("var n = items.ToList().Capacity;")]
        [InlineData("var first = items.ToList()[0];")]
        // Queries, lazy sources with side effects, user iterators, and side effects in deferred lambdas.
        [InlineData("foreach (var item in query.ToList()) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in query.Where(q => q.Length > 1).ToList()) { Console.WriteLine(item); }")]
        [InlineData("foreach (var file in System.IO.Directory.EnumerateFiles(\".\").ToList()) { System.IO.File.Delete(file); }")]
        [InlineData("foreach (var item in Generate().ToList()) { Console.WriteLine(item); }")]
        [InlineData("int seen = 0; foreach (var item in items.Select(i => { seen++; return i; }).ToList()) { Console.WriteLine(seen); }")]
        [InlineData("foreach (var item in items.Select(Transform).ToList()) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in items.Select(i => Transform(i)).ToList()) { Console.WriteLine(item); }")]
        // Elements that may detach themselves from the source.
        [InlineData("foreach (var node in nodes().ToList()) { node.Remove(); }")]
        [InlineData("foreach (var node in nodes().ToList()) { node.Parent = null; }")]
        [InlineData("foreach (var node in nodes().ToList()) { Detach(node); }")]
        // Spans, other element types, and other copies.
        [InlineData("Span<int> span = stackalloc int[4]; foreach (var x in span.ToArray()) { Console.WriteLine(x); }")]
        [InlineData("foreach (var item in new List<object>(items)) { Console.WriteLine(item); }")]
        [InlineData("foreach (object item in items.ToList<object>()) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in new List<string>(items) { \"x\" }) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in new List<string>(16)) { Console.WriteLine(item); }")]
        [InlineData("foreach (var item in items?.ToList() ?? new List<string>()) { Console.WriteLine(item); }")]
        [InlineData("return;")]
        // A callback declared earlier in the method changes the source while the loop runs: the copy is a snapshot it needs.
        [InlineData("var pending = new HashSet<string>(items); Action<string> onDone = id => pending.Remove(id); foreach (var id in pending.ToArray()) { onDone(id); }")]
        [InlineData("var pending = new List<string>(items); void Done(string id) { pending.Remove(id); } foreach (var id in pending.ToList()) { Done(id); }")]
        [InlineData("var pending = new List<string>(items); Action later = () => Fill(pending); foreach (var id in pending.ToArray()) { later(); }")]
        public Task Stays_silent_when_the_copy_is_needed_or_kept(string body) => VerifyCS.VerifyAnalyzerAsync($$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class Node { public Node? Parent { get; set; } public void Remove() { } }

            static class Registry
            {
                private static readonly List<string> s_names = new List<string>();
                public static List<string> Names() => s_names;
                public static void Unregister(string name) => s_names.Remove(name);
            }

            class C
            {
                private readonly List<string> _names = new List<string>();
                private List<string>? _kept;
                private readonly List<Node> _nodes = new List<Node>();

                void M(IEnumerable<string> items, List<string> list, Dictionary<string, int> dict, IQueryable<string> query, HashSet<string> set)
                {
                    Func<IEnumerable<Node>> nodes = () => _nodes;
                    {{body}}
                }

                List<string> Returned(IEnumerable<string> items) => items.ToList();
                void Reset() => _names.Clear();
                static void Fill(List<string> target) => target.Add("x");
                void Forget(string name) => _names.Remove(name);
                void Keep(List<string> copy) => _kept = copy;
                void Detach(Node node) => _nodes.Remove(node);
                static string Transform(string s) => s.ToUpperInvariant();
                IEnumerable<string> Generate() { Console.WriteLine("started"); yield return "a"; }
            }
            """);

        [Fact]
        public Task Stays_silent_for_returns_fields_and_awaits() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                private List<string> _field = new List<string>();
                public IReadOnlyList<string> Snapshot(IEnumerable<string> items) => items.ToList();
                public void Store(IEnumerable<string> items) { _field = items.ToList(); }
                public async Task<int> CountAsync(IEnumerable<string> items) { var copy = items.ToList(); await Task.Yield(); return copy.Count; }
                public IEnumerable<string> Lazy(IEnumerable<string> items) { foreach (var item in items.ToList()) yield return item; }
                public async Task WriteAsync(List<string> items) { foreach (var item in items.ToList()) await Task.Delay(item.Length); }
            }
            """);

        [Fact]
        public Task Names_the_call_in_the_message() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("foreach (var item in {|#0:new List<string>(items)|}) { }"),
            VerifyCS.Diagnostic("MEM006").WithLocation(0).WithArguments("new List<string>(...)"));

        [Fact]
        public Task Eager_sources_are_configurable() => new VerifyCS.Test(LanguageVersion.Preview)
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System;
                    using System.Collections.Generic;
                    using System.Linq;

                    class Repository { public IEnumerable<string> Stream() => new[] { "a" }; }

                    class C
                    {
                        void M(Repository repository, IEnumerable<string> items)
                        {
                            foreach (var item in repository.Stream().ToList()) { Console.WriteLine(item); }
                            foreach (var item in items.ToList()) { Console.WriteLine(item); }
                        }
                    }
                    """,
                },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nmemory_analyzers.MEM006.eager_sources = Repository.Stream\n") },
                ExpectedDiagnostics = { VerifyCS.Diagnostic("MEM006").WithSpan(12, 30, 12, 44).WithArguments("ToList()") },
            },
        }.RunAsync();

        [Fact]
        public Task Reports_in_top_level_statements_local_functions_and_lambdas() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Linq;

            var words = new[] { "a", "bb" };
            foreach (var w in {|MEM006:words.Where(w => w.Length > 1).ToList()|}) Console.WriteLine(w);
            Print(words);
            Action<string[]> print = static all => Console.WriteLine(string.Join(",", {|MEM006:all.ToList()|}));
            print(words);

            static void Print(string[] all)
            {
                var copy = {|MEM006:all.Select(a => a.ToUpperInvariant()).ToArray()|};
                foreach (var a in copy) Console.WriteLine(a);
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.Preview)]
        public Task Reports_on_every_language_version(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                void M(IEnumerable<string> items)
                {
                    foreach (var item in {|MEM006:items.ToList()|}) { Console.WriteLine(item); }
                }
            }
            """, version);

        [Fact]
        public Task Reports_with_records_primary_constructors_patterns_and_collection_expressions() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;

            record Person(string Name, int Age);

            class Report(IEnumerable<Person> people)
            {
                public async Task WriteAsync(Stream stream)
                {
                    await using var writer = new StreamWriter(stream);
                    using var gate = new MemoryStream();
                    List<int> ages = [1, 2, 3];
                    foreach (var person in {|MEM006:people.Where(p => p is { Age: > 18 }).ToList()|})
                    {
                        writer.WriteLine(person.Name);
                    }

                    var max = {|MEM006:ages.Select(a => a * 2).ToArray()|}.Max();
                    Person[] local = [new("a", 1)];
                    foreach (var person in {|MEM006:local.Where(p => p.Age > 0).ToList()|})
                    {
                        await writer.WriteLineAsync(person.Name);
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_throw_on_broken_code() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;

            class C
            {
                void M()
                {
                    foreach (var item in {|CS0103:missing|}.ToList()) { }
                    var n = {|CS0103:other|}.ToArray().Count();
                }
            }
            """);
    }
}
