using System.Linq;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SmallFixedCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SmallFixedCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class SmallFixedCollectionAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class Parser
            {
                private List<int> _kept = new List<int>();

                void Parse(int code, string name, IEnumerable<int> more)
                {
                    {{body}}
                }

                static void Take(List<int> list) { }

                static void Read(IReadOnlyList<int> list) { }

                static int Sum(IEnumerable<int> values) => values.Sum();
            }
            """;

        [Theory]
        [InlineData("var codes = {|MEM013:new List<int> { 200, 201, 204 }|}; if (codes.Contains(code)) { }")]
        [InlineData("List<int> codes = {|MEM013:new() { 200, 201, 204 }|}; for (var i = 0; i < codes.Count; i++) { _ = codes[i]; }")]
        [InlineData("var codes = {|MEM013:new List<int> { 1, 2 }|}; foreach (var c in codes) { } _ = codes.Where(c => c > code).ToList();")]
        [InlineData("IReadOnlyList<int> codes = {|MEM013:new List<int> { 1, 2 }|}; Read(codes); _ = codes.Count;")]
        [InlineData("var codes = {|MEM013:new List<int> { 1, 2 }|}; _ = Sum(codes); _ = codes.IndexOf(code); _ = codes.Exists(c => c == code);")]
        [InlineData("var names = {|MEM013:new HashSet<string> { \"a\", \"b\" }|}; _ = names.Contains(name);")]
        [InlineData("var map = {|MEM013:new Dictionary<string, int> { { \"a\", 1 }, { \"b\", 2 } }|}; _ = map.TryGetValue(name, out var v) ? v : map[\"a\"];")]
        [InlineData("var map = {|MEM013:new Dictionary<string, int> { [\"a\"] = 1, [\"b\"] = 2 }|}; _ = map.ContainsKey(name);")]
        [InlineData("foreach (var c in {|MEM013:new List<int> { 1, 2, 3 }|}) { }")]
        [InlineData("_ = {|MEM013:new List<string> { \"x\", nameof(Parse), null }|}.Count;")]
        [InlineData("List<int> codes = {|MEM013:[200, 201, 204]|}; _ = codes.Contains(code);")]
        [InlineData("HashSet<char> seps = {|MEM013:[',', ';']|}; _ = seps.Contains(name[0]);")]
        [InlineData("for (var i = 0; i < 3; i++) { var codes = {|MEM013:new List<DayOfWeek> { DayOfWeek.Monday }|}; _ = codes[0]; }")]
        public Task Reports_a_constant_collection_that_is_only_read(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("var codes = new List<int> { 1, 2 }; codes.Add(code);")]
        [InlineData("var codes = new List<int> { 1, 2 }; codes.Sort();")]
        [InlineData("var codes = new List<int> { 1, 2 }; codes[0] = code;")]
        [InlineData("var codes = new List<int> { 1, 2 }; codes.Clear();")]
        [InlineData("var codes = new List<int> { 1, 2 }; codes.Reverse();")]
        [InlineData("var codes = new List<int> { 1, 2 }; Take(codes);")]
        [InlineData("var codes = new List<int> { 1, 2 }; _kept = codes;")]
        [InlineData("var codes = new List<int> { 1, 2 }; object boxed = codes;")]
        [InlineData("var codes = new List<int> { 1, 2 }; lock (codes) { }")]
        [InlineData("var codes = new List<int> { 1, 2 }; if (ReferenceEquals(codes, more)) { }")]
        [InlineData("var codes = new List<int> { 1, 2 }; IEnumerable<int> alias = codes; _ = alias;")]
        [InlineData("var codes = new List<int> { 1, 2 }; codes = new List<int>(); _ = codes.Count;")]
        [InlineData("var codes = new List<int> { 1, code }; _ = codes.Count;")]
        [InlineData("var codes = new List<int>(more) { 1 }; _ = codes.Count;")]
        [InlineData("var codes = new List<int>(); _ = codes.Count;")]
        [InlineData("var codes = new List<int> { 1, 2 };")]
        [InlineData("var map = new Dictionary<string, int> { [\"a\"] = 1 }; map[\"b\"] = 2;")]
        [InlineData("var map = new Dictionary<string, int> { [\"a\"] = 1 }; map[\"a\"]++;")]
        [InlineData("var names = new HashSet<string>(StringComparer.Ordinal) { \"a\" }; _ = names.Contains(name);")]
        [InlineData("var names = new HashSet<string> { \"a\" }; names.UnionWith(new[] { name });")]
        [InlineData("var seq = new Queue<int>(new[] { 1, 2 }); _ = seq.Count;")]
        [InlineData("List<int> codes = [1, ..more]; _ = codes.Count;")]
        [InlineData("List<int> codes = [1, code]; _ = codes.Count;")]
        [InlineData("Take(new List<int> { 1, 2 });")]
        [InlineData("_kept = new List<int> { 1, 2 };")]
        public Task Silent_when_the_collection_changes_escapes_or_is_not_constant(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Reports_a_private_instance_field_only_read() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Lexer
            {
                private readonly HashSet<char> _separators = {|MEM013:new HashSet<char> { ',', ';' }|};
                private readonly IReadOnlyList<string> _keywords = {|MEM013:new List<string> { "if", "else" }|};
                private readonly List<int> _sizes = {|MEM013:new() { 1, 2 }|};

                bool IsSeparator(char c) => _separators.Contains(c);

                bool IsKeyword(string word) => this._keywords.Contains(word) && _sizes[0] > 0;

                int Longest(Lexer other) => other._keywords.Max(k => k.Length) + _sizes.Count;
            }
            """);

        [Fact]
        public Task Silent_for_fields_that_change_escape_or_are_not_private() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Lexer
            {
                private readonly List<char> _added = new List<char> { ',' };
                private readonly List<char> _exposed = new List<char> { ',' };
                private List<char> _replaced = new List<char> { ',' };
                private readonly List<char> _passed = new List<char> { ',' };
                internal readonly List<char> Shared = new List<char> { ',' };
                public readonly List<char> Public = new List<char> { ',' };
                private readonly List<char> _unused = new List<char> { ',' };

                public List<char> Exposed => _exposed;

                void Use(char c)
                {
                    _added.Add(c);
                    _replaced = new List<char>();
                    Take(_passed);
                    _ = Shared.Count + Public.Count;
                }

                static void Take(List<char> list) { }
            }
            """);

        [Fact]
        public Task Silent_in_code_that_runs_once_and_in_fields() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Tables
            {
                private static readonly List<int> Codes = new List<int> { 1, 2 };
                private readonly List<int> _codes = new List<int> { 1, 2 };

                static Tables()
                {
                    var local = new List<int> { 3, 4 };
                    System.Console.WriteLine(local.Count);
                }
            }
            """);

        [Fact]
        public Task Top_level_statements_report_in_loops_and_local_functions_only() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Collections.Generic;

            var once = new List<int> { 1, 2 };
            Console.WriteLine(once.Count);
            for (var i = 0; i < 3; i++)
            {
                var each = {|MEM013:new List<int> { 1, 2 }|};
                Console.WriteLine(each[i % 2]);
                var pair = {|MEM013:Tuple.Create(i, "x")|};
                Console.WriteLine(pair.Item1);
            }

            Console.WriteLine(Sizes());

            static int Sizes()
            {
                List<int> sizes = {|MEM013:[1, 2, 4]|};
                return sizes.Count;
            }
            """);

        [Theory]
        [InlineData("var pair = {|MEM013:Tuple.Create(code, name)|}; Console.WriteLine(pair.Item1 + pair.Item2);")]
        [InlineData("Tuple<int, string> pair = {|MEM013:new Tuple<int, string>(code, name)|}; _ = pair.Item2.Length;")]
        [InlineData("Tuple<int, string> pair = {|MEM013:new(code, name)|}; Func<int> f = () => pair.Item1; _ = f();")]
        [InlineData("var t = {|MEM013:Tuple.Create(1, 2, 3, 4, 5, 6, 7)|}; _ = t.Item7;")]
        public Task Reports_a_tuple_only_read_through_its_items(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("var pair = Tuple.Create(code, name); if (pair == null) { }")]
        [InlineData("var pair = Tuple.Create(code, name); if (ReferenceEquals(pair, more)) { }")]
        [InlineData("var pair = Tuple.Create(code, name); lock (pair) { }")]
        [InlineData("object pair = Tuple.Create(code, name); _ = pair;")]
        [InlineData("var pair = Tuple.Create(code, name); _ = pair.Equals(pair);")]
        [InlineData("var pair = Tuple.Create(code, name); Console.WriteLine(pair);")]
        [InlineData("var pair = Tuple.Create(code, name); pair = null; _ = pair;")]
        [InlineData("var one = Tuple.Create(code); _ = one.Item1;")]
        [InlineData("var eight = Tuple.Create(1, 2, 3, 4, 5, 6, 7, 8); _ = eight.Item1;")]
        [InlineData("var pair = Tuple.Create(code, name);")]
        [InlineData("Console.WriteLine(Tuple.Create(code, name).Item1);")]
        [InlineData("var pair = (code, name); _ = pair.Item1;")]
        public Task Silent_for_tuples_used_as_objects(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Silent_for_a_tuple_returned_or_passed() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            public class Api
            {
                public Tuple<int, int> Range() => Tuple.Create(1, 2);

                private static int First(Tuple<int, int> t) => t.Item1;

                private int Use()
                {
                    var t = Tuple.Create(1, 2);
                    return First(t);
                }
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.CSharp9)]
        [InlineData(LanguageVersion.Latest)]
        public Task Reports_in_every_language_version(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            class Old
            {
                int Lookup(string key)
                {
                    var map = {|MEM013:new Dictionary<string, int> { { "a", 1 } }|};
                    int value;
                    var pair = {|MEM013:Tuple.Create(key, 1)|};
                    return map.TryGetValue(pair.Item1, out value) ? value : pair.Item2;
                }
            }
            """, version);

        [Fact]
        public Task Reports_in_records_primary_constructors_lambdas_and_patterns() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            record Shape(string Kind)
            {
                public bool IsRound() => Kind is { Length: > 0 } k && {|MEM013:new HashSet<string> { "circle", "ellipse" }|}.Contains(k);
            }

            class Service(int limit)
            {
                public Func<int, bool> Check => n =>
                {
                    var allowed = {|MEM013:new List<int> { 1, 2, 3 }|};
                    var bounds = {|MEM013:Tuple.Create(0, limit)|};
                    return allowed.Contains(n) && n > bounds.Item1 && n < bounds.Item2;
                };
            }
            """);

        [Fact]
        public async Task Message_counts_the_allocations_of_each_form()
        {
            var diagnostics = await RuntimeScenario.DiagnosticsAsync("""
                using System;
                using System.Collections.Generic;

                public static class Scenario
                {
                    public static int Run(int code)
                    {
                        var few = new List<int> { 1, 2, 3 };
                        var many = new List<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
                        var set = new HashSet<int> { 1, 2, 3, 4 };
                        List<int> expression = [1, 2, 3, 4, 5];
                        var pair = Tuple.Create(code, 1);
                        var total = 0;
                        for (var i = 0; i < code; i++)
                        {
                            var map = new Dictionary<int, int> { { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 5, 5 }, { 6, 6 }, { 7, 7 }, { 8, 8 } };
                            total += map[1];
                        }

                        return few[0] + many[0] + set.Count + expression[0] + pair.Item1 + total;
                    }
                }
                """, new SmallFixedCollectionAnalyzer());
            var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToArray();
            Assert.Equal(
                new[]
                {
                    "This List<int> of 3 constants, never changed, costs 2 allocations per call; a static readonly array is allocated once",
                    "This List<int> of 9 constants, never changed, costs 4 allocations per call; a static readonly array is allocated once",
                    "This HashSet<int> of 4 constants, never changed, costs 5 allocations per call; a static readonly one is built once",
                    "This List<int> of 5 constants, never changed, costs 2 allocations per call; a static readonly array is allocated once",
                    "This Tuple<int, int>, only read through its items, costs 1 allocation per call; a ValueTuple costs none",
                    "This Dictionary<int, int> of 8 constants, never changed, costs 7 allocations per iteration; a static readonly one is built once",
                },
                messages);
        }
    }
}
