using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SmallFixedCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SmallFixedCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>"Use a ValueTuple" for a private method whose callers only read the returned tuple's items.</summary>
    public sealed class SmallFixedCollectionFixerTupleMemberTests
    {
        [Fact]
        public Task Rewrites_the_return_type_every_creation_and_explicit_caller_locals_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Splitter
            {
                // Splits at the first '='.
                private static Tuple<string, long> Split(string text)
                {
                    var at = text.IndexOf('=');
                    if (at < 0)
                    {
                        return {|MEM013:new Tuple<string, long>(text, 0)|}; // no value
                    }

                    return {|MEM013:Tuple.Create(text.Substring(0, at), (long)at)|};
                }

                private Tuple<int, object> Pair(int n) => {|MEM013:new Tuple<int, object>(n, null)|};

                long Use(string text)
                {
                    Tuple<string, long> parts = Split(text);
                    var again = Split(text);
                    return parts.Item2 + again.Item1.Length + Split(text).Item2 + Pair(1).Item1;
                }
            }
            """, """
            using System;

            class Splitter
            {
                // Splits at the first '='.
                private static (string, long) Split(string text)
                {
                    var at = text.IndexOf('=');
                    if (at < 0)
                    {
                        return (text, 0); // no value
                    }

                    return (text.Substring(0, at), (long)at);
                }

                private (int, object) Pair(int n) => (n, null);

                long Use(string text)
                {
                    (string, long) parts = Split(text);
                    var again = Split(text);
                    return parts.Item2 + again.Item1.Length + Split(text).Item2 + Pair(1).Item1;
                }
            }
            """);

        [Fact]
        public Task Keeps_nullable_annotations_and_drops_the_nullable_mark_of_the_reference() => VerifyCS.VerifyCodeFixAsync("""
            #nullable enable
            using System;
            using Pair = System.Tuple<string?, int>;

            class Names
            {
                private Tuple<string?, int>? Find(string key) => {|MEM013:Tuple.Create<string?, int>(key.Length > 0 ? key : null, key.Length)|};

                private Tuple<string?, int> Other(string key) => {|MEM013:new Pair(key, 1)|};

                int Use(string key)
                {
                    Tuple<string?, int>? found = Find(key);
                    Pair other = Other(key);
                    return found!.Item2 + (found.Item1?.Length ?? 0) + other.Item2;
                }
            }
            """, """
            #nullable enable
            using System;
            using Pair = System.Tuple<string?, int>;

            class Names
            {
                private (string?, int) Find(string key) => (key.Length > 0 ? key : null, key.Length);

                private (string?, int) Other(string key) => (key, 1);

                int Use(string key)
                {
                    (string?, int) found = Find(key);
                    (string?, int) other = Other(key);
                    return found!.Item2 + (found.Item1?.Length ?? 0) + other.Item2;
                }
            }
            """);

        [Fact]
        public Task Works_in_csharp_7_3() => VerifyCS.VerifyCodeFixAsync("""
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
                    return found.Item2;
                }
            }
            """, """
            using System;

            class Old
            {
                private (string, int) Lookup(string key)
                {
                    return (key, key.Length);
                }

                int Use(string key)
                {
                    (string, int) found = Lookup(key);
                    return found.Item2;
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Fact]
        public Task No_fix_for_named_arguments() => VerifyCS.VerifyNoCodeFixAsync("""
            using System;

            class Named
            {
                private Tuple<int, int> Pair() => {|MEM013:Tuple.Create(item1: 1, item2: 2)|};

                int Use() => Pair().Item1;
            }
            """);

        private const string DeclaringPart = """
            using System;

            partial class Split
            {
                private Tuple<int, int> Read() => {|MEM013:Tuple.Create(1, 2)|};
            }
            """;

        private const string CallingPart = """
            using System;

            partial class Split
            {
                int Use()
                {
                    Tuple<int, int> r = Read();
                    return r.Item1;
                }
            }
            """;

        [Fact]
        public Task No_fix_when_a_caller_local_is_in_another_file() => new VerifyCS.Test(LanguageVersion.Preview)
        {
            TestState = { Sources = { DeclaringPart, CallingPart } },
            FixedState = { Sources = { DeclaringPart, CallingPart } },
        }.RunAsync();
    }
}
