using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SmallFixedCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SmallFixedCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class SmallFixedCollectionFixerTests
    {
        [Fact]
        public Task Moves_the_constants_to_a_static_readonly_array_and_follows_the_uses() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Http
            {
                private int _calls;

                bool IsSuccess(int code)
                {
                    // The codes we accept.
                    List<int> codes = {|MEM013:new List<int> { 200, 201, /* no content */ 204 }|};
                    _calls += codes.Count;
                    return codes.Contains(code) && codes.IndexOf(code) >= 0 && codes.Any(c => c > 100) && codes[0] == 200;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;

            class Http
            {
                private int _calls;
                private static readonly int[] Codes = { 200, 201, /* no content */ 204 };

                bool IsSuccess(int code)
                {
                    // The codes we accept.
                    int[] codes = Codes;
                    _calls += codes.Length;
                    return System.Array.IndexOf(codes, code) >= 0 && System.Array.IndexOf(codes, code) >= 0 && codes.Any(c => c > 100) && codes[0] == 200;
                }
            }
            """);

        [Fact]
        public Task Fix_all_names_each_field_freshly_and_keeps_collection_expressions() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;

            class Lexer
            {
                private int Values;

                void Scan(char c)
                {
                    var separators = {|MEM013:new List<char> { ',', ';' }|};
                    foreach (var s in separators)
                    {
                        Console.WriteLine(s == c);
                    }

                    foreach (var k in {|MEM013:new List<string> { "if", "else" }|})
                    {
                        Console.WriteLine(k);
                    }
                }

                void Again()
                {
                    List<char> separators = {|MEM013:['|', '&']|};
                    Console.WriteLine(separators.Exists(s => s == '|'));
                }

                class Nested
                {
                    IReadOnlyList<int> Sizes()
                    {
                        IReadOnlyList<int> sizes = {|MEM013:new List<int> { 1, 2, 4 }|};
                        Console.WriteLine(sizes.Count);
                        return null;
                    }
                }
            }
            """, """
            using System;
            using System.Collections.Generic;

            class Lexer
            {
                private int Values;
                private static readonly char[] Separators = { ',', ';' };
                private static readonly string[] Values1 = { "if", "else" };
                private static readonly char[] Separators1 = ['|', '&'];

                void Scan(char c)
                {
                    var separators = Separators;
                    foreach (var s in separators)
                    {
                        Console.WriteLine(s == c);
                    }

                    foreach (var k in Values1)
                    {
                        Console.WriteLine(k);
                    }
                }

                void Again()
                {
                    char[] separators = Separators1;
                    Console.WriteLine(Array.Exists(separators, s => s == '|'));
                }

                class Nested
                {
                    private static readonly int[] Sizes1 = { 1, 2, 4 };

                    IReadOnlyList<int> Sizes()
                    {
                        IReadOnlyList<int> sizes = Sizes1;
                        Console.WriteLine(sizes.Count);
                        return null;
                    }
                }
            }
            """);

        [Fact]
        public Task Works_in_csharp_7_3_structs() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            struct Grid
            {
                int Neighbours(int x)
                {
                    var offsets = {|MEM013:new List<int> { -1, 1 }|};
                    return offsets[0] + x;
                }
            }
            """, """
            using System.Collections.Generic;

            struct Grid
            {
                private static readonly int[] Offsets = { -1, 1 };

                int Neighbours(int x)
                {
                    var offsets = Offsets;
                    return offsets[0] + x;
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Theory]
        [InlineData("var names = {|MEM013:new HashSet<string> { \"a\" }|}; return names.Contains(name);")]
        [InlineData("var map = {|MEM013:new Dictionary<string, int> { [\"a\"] = 1 }|}; return map.ContainsKey(name);")]
        [InlineData("const string a = \"a\"; var names = {|MEM013:new List<string> { a }|}; return names.Contains(name);")]
        [InlineData("var names = {|MEM013:new List<string> { \"a\" }|}; return string.Join(\",\", names) == name;")]
        [InlineData("var names = {|MEM013:new List<string> { \"a\" }|}; return names.ToArray().Length > 0;")]
        [InlineData("var names = {|MEM013:new List<string> { \"a\" }|}; return names.Contains(name, StringComparer.Ordinal);")]
        [InlineData("var names = {|MEM013:new List<string> { \"a\" }|}; return names.SequenceEqual(new[] { name });")]
        [InlineData("var names = {|MEM013:new List<string> { \"a\" }|}; Keep = names.AsEnumerable(); return true;")]
        [InlineData("var names = {|MEM013:new List<string> { \"a\" }|}; Keep = names.Cast<string>(); return true;")]
        public Task No_fix_where_an_array_could_behave_differently(string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class Names
            {
                public IEnumerable<string> Keep;

                bool Has(string name)
                {
                    {{body}}
                }
            }
            """);

        [Fact]
        public Task No_fix_for_type_parameters() => VerifyCS.VerifyNoCodeFixAsync("""
            using System.Collections.Generic;

            class Box<T> where T : class
            {
                int Count()
                {
                    var items = {|MEM013:new List<T> { null }|};
                    return items.Count;
                }
            }
            """);

        [Fact]
        public async Task No_fix_in_top_level_statements()
        {
            var source = """
                using System;
                using System.Collections.Generic;

                for (var i = 0; i < 2; i++)
                {
                    var each = {|MEM013:new List<int> { 1, 2 }|};
                    Console.WriteLine(each[i]);
                }
                """;
            await VerifyCS.VerifyCodeFixAsync(source, source, LanguageVersion.Preview, OutputKind.ConsoleApplication);
        }
    }
}
