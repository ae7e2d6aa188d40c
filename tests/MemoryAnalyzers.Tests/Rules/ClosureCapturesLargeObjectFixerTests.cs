using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ClosureCapturesLargeObjectAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ClosureCapturesLargeObjectFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class ClosureCapturesLargeObjectFixerTests
    {
        [Fact]
        public Task Snapshots_the_length_of_an_array_created_here() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private Func<int> _size = () => 0;

                void M()
                {
                    var buffer = new byte[1 << 20];
                    Fill(buffer);
                    // Keep the size for later.
                    _size = () => {|MEM002:buffer.Length|} * 2;
                }

                static void Fill(byte[] data) { }
            }
            """,
            """
            using System;

            class C
            {
                private Func<int> _size = () => 0;

                void M()
                {
                    var buffer = new byte[1 << 20];
                    Fill(buffer);
                    // Keep the size for later.
                    var bufferLength = buffer.Length;
                    _size = () => bufferLength * 2;
                }

                static void Fill(byte[] data) { }
            }
            """);

        [Fact]
        public Task Snapshots_a_non_nullable_parameter_once_for_every_use_and_picks_a_fresh_name() => VerifyCS.VerifyCodeFixAsync(
            """
            #nullable enable
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<int> M(string text)
                {
                    var textLength = 0;
                    Task.Run(() => Console.WriteLine({|MEM002:text.Length|} + textLength));
                    return () => {|MEM002:text.Length|} + text.Length;
                }
            }
            """,
            """
            #nullable enable
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<int> M(string text)
                {
                    var textLength = 0;
                    var textLength1 = text.Length;
                    Task.Run(() => Console.WriteLine(textLength1 + textLength));
                    var textLength2 = text.Length;
                    return () => textLength2 + textLength2;
                }
            }
            """);

        [Fact]
        public Task Snapshots_the_count_of_a_collection_built_before_the_delegate_in_top_level_statements() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            List<string> names = ["a", "b"];
            names.Add("c");
            AppDomain.CurrentDomain.ProcessExit += (s, e) => Console.WriteLine({|MEM002:names.Count()|});
            """,
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            List<string> names = ["a", "b"];
            names.Add("c");
            var namesCount = names.Count();
            AppDomain.CurrentDomain.ProcessExit += (s, e) => Console.WriteLine(namesCount);
            """,
            LanguageVersion.Preview,
            OutputKind.ConsoleApplication);

        [Fact]
        public Task Fix_all_fixes_every_delegate() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private Func<int> _a = () => 0;
                private Func<int> _b = () => 0;

                void M()
                {
                    var left = new int[10];
                    var right = new int[20];
                    _a = () => {|MEM002:left.Length|};
                    _b = () => {|MEM002:right.Length|};
                }
            }
            """,
            """
            using System;

            class C
            {
                private Func<int> _a = () => 0;
                private Func<int> _b = () => 0;

                void M()
                {
                    var left = new int[10];
                    var right = new int[20];
                    var leftLength = left.Length;
                    _a = () => leftLength;
                    var rightLength = right.Length;
                    _b = () => rightLength;
                }
            }
            """);

        [Fact]
        public Task Fix_all_puts_two_copies_before_one_statement() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private Func<int> _f = () => 0;

                void M()
                {
                    var left = new int[10];
                    var right = "right";

                    // Both sizes.
                    _f = () => {|MEM002:left.Length|} + {|MEM002:right.Length|};
                }
            }
            """,
            """
            using System;

            class C
            {
                private Func<int> _f = () => 0;

                void M()
                {
                    var left = new int[10];
                    var right = "right";

                    // Both sizes.
                    var leftLength = left.Length;
                    var rightLength = right.Length;
                    _f = () => leftLength + rightLength;
                }
            }
            """);

        [Fact]
        public Task Snapshots_an_element_of_an_array_known_to_be_long_enough() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private static Func<int> s_header = () => 0;
                private static Func<int> s_second = () => 0;
                private static Func<string> s_name = () => "";

                static void Run(int n)
                {
                    var buffer = new byte[n];
                    buffer[0] = 42;
                    s_header = () => {|MEM002:buffer[0]|};

                    var table = new int[16];
                    s_second = () => {|MEM002:table[2]|};

                    string[] names = ["a", "b"];
                    s_name = () => {|MEM002:names[0]|};
                }
            }
            """,
            """
            using System;

            class C
            {
                private static Func<int> s_header = () => 0;
                private static Func<int> s_second = () => 0;
                private static Func<string> s_name = () => "";

                static void Run(int n)
                {
                    var buffer = new byte[n];
                    buffer[0] = 42;
                    var firstBuffer = buffer[0];
                    s_header = () => firstBuffer;

                    var table = new int[16];
                    var tableAt2 = table[2];
                    s_second = () => tableAt2;

                    string[] names = ["a", "b"];
                    var firstNames = names[0];
                    s_name = () => firstNames;
                }
            }
            """);

        [Theory]
        // An element: on an empty array the copy would throw when the delegate is created.
        [InlineData("var data = new byte[n]; _f = () => {|MEM002:data[0]|};")]
        [InlineData("var items = new List<int>(); _f = () => {|MEM002:items.First()|};")]
        [InlineData("var data = new byte[2]; _f = () => {|MEM002:data[2]|};")]
        [InlineData("var data = new byte[n]; data[1] = 1; _f = () => {|MEM002:data[0]|};")]
        [InlineData("var data = new byte[n]; if (n > 0) { data[0] = 1; } _f = () => {|MEM002:data[0]|};")]
        [InlineData("_f = () => {|MEM002:maybe![0]|};")]
        [InlineData("var data = new byte[4]; _f = () => {|MEM002:data[0]|}; data[0] = 1;")]
        [InlineData("var data = new byte[4]; Array.Fill(data, (byte)1); _f = () => {|MEM002:data[0]|};")]
        // Possibly null: the copy would throw where the original code did not.
        [InlineData("_f = () => {|MEM002:maybe.Length|};")]
        // Reassigned or mutated after the delegate is created.
        [InlineData("var data = new byte[n]; _f = () => {|MEM002:data.Length|}; data = new byte[1];")]
        [InlineData("var items = new List<int>(); _f = () => {|MEM002:items.Count|}; items.Add(1);")]
        [InlineData("var items = new List<int>(); Register(items); _f = () => {|MEM002:items.Count|};")]
        [InlineData("_f = () => {|MEM002:list.Count|};")]
        [InlineData("var items = new List<int>(); for (int i = 0; i < n; i++) { items.Add(i); _f = () => {|MEM002:items.Count|}; }")]
        // A property chain other than Length/Count can change or have side effects.
        [InlineData("var stream = new MemoryStream(); _l = () => {|MEM002:stream.Position|};")]
        [InlineData("var text = \"abc\"; _f = () => {|MEM002:text.Length|} + text[0];")]
        // No statement to put the copy before.
        [InlineData("var data = new byte[n]; if (n > 0) _f = () => {|MEM002:data.Length|};")]
        public Task Reports_without_a_fix_when_a_snapshot_could_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            class C
            {
                private Func<int> _f = () => 0;
                private Func<long> _l = () => 0;

                void M(int n, byte[]? maybe, List<int> list)
                {
                    {{body}}
                }

                static void Register(List<int> items) { }
            }
            """);

        [Fact]
        public Task No_fix_in_an_expression_bodied_member() => VerifyCS.VerifyNoCodeFixAsync("""
            #nullable enable
            using System;

            class C
            {
                Func<int> M(byte[] data) => () => {|MEM002:data.Length|};
            }
            """);

        [Fact]
        public Task Fixes_in_old_language_versions_when_the_array_is_created_here() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private Func<int> _f;

                void M()
                {
                    byte[] data = new byte[16];
                    _f = delegate { return {|MEM002:data.Length|}; };
                }
            }
            """,
            """
            using System;

            class C
            {
                private Func<int> _f;

                void M()
                {
                    byte[] data = new byte[16];
                    var dataLength = data.Length;
                    _f = delegate { return dataLength; };
                }
            }
            """,
            LanguageVersion.CSharp7_3);
    }
}
