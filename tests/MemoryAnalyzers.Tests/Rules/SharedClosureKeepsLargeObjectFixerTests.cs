using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SharedClosureKeepsLargeObjectAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SharedClosureKeepsLargeObjectFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class SharedClosureKeepsLargeObjectFixerTests
    {
        [Fact]
        public Task Splits_a_declaration_and_moves_the_short_lived_lambda_into_its_own_block() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Threading.Tasks;

            class C
            {
                private Action _onStop = () => { };

                static int Crc(byte[] data) => data.Length;

                async Task Start(byte[] payload)
                {
                    int size = payload.Length;
                    // Checksum in the background.
                    var checksum = Task.Run(() => Crc(payload));
                    _onStop = {|MEM003:() =>|} Console.WriteLine(size);
                    await checksum;
                }
            }
            """,
            """
            using System;
            using System.Threading.Tasks;

            class C
            {
                private Action _onStop = () => { };

                static int Crc(byte[] data) => data.Length;

                async Task Start(byte[] payload)
                {
                    int size = payload.Length;
                    // Checksum in the background.
                    Task<int> checksum;
                    {
                        var payloadCopy = payload;
                        checksum = Task.Run(() => Crc(payloadCopy));
                    }
                    _onStop = () => Console.WriteLine(size);
                    await checksum;
                }
            }
            """);

        [Fact]
        public Task Wraps_an_expression_statement_and_keeps_its_lines() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Linq;

            class C
            {
                private Func<int> _keep = () => 0;

                static int Use(Func<int> f) => f();

                void M(int[] values, int threshold)
                {
                    Console.WriteLine(Use(() =>
                        values.Count(v => v > threshold)));
                    _keep = {|MEM003:() =>|} threshold;
                }
            }
            """,
            """
            using System;
            using System.Linq;

            class C
            {
                private Func<int> _keep = () => 0;

                static int Use(Func<int> f) => f();

                void M(int[] values, int threshold)
                {
                    {
                        var valuesCopy = values;
                        Console.WriteLine(Use(() =>
                            valuesCopy.Count(v => v > threshold)));
                    }
                    _keep = () => threshold;
                }
            }
            """);

        [Fact]
        public Task Fixes_the_lambda_that_only_uses_this_in_top_level_free_code_and_old_versions() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private Func<int> _keep;
                private int _x;

                static int Use(Func<int> f) { return f(); }

                void M(byte[] payload)
                {
                    Use(delegate { return payload.Length; });
                    _keep = {|MEM003:delegate|} { return _x; };
                }
            }
            """,
            """
            using System;

            class C
            {
                private Func<int> _keep;
                private int _x;

                static int Use(Func<int> f) { return f(); }

                void M(byte[] payload)
                {
                    {
                        var payloadCopy = payload;
                        Use(delegate { return payloadCopy.Length; });
                    }
                    _keep = delegate { return _x; };
                }
            }
            """,
            LanguageVersion.CSharp7_3);

        [Fact]
        public Task Fixes_top_level_statements() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Threading.Tasks;

            var payload = new byte[1024];
            int size = payload.Length;
            await Task.Run(() => Console.WriteLine(payload.Length));
            AppDomain.CurrentDomain.ProcessExit += {|MEM003:(s, e) =>|} Console.WriteLine(size);
            """,
            """
            using System;
            using System.Threading.Tasks;

            var payload = new byte[1024];
            int size = payload.Length;
            {
                var payloadCopy = payload;
                await Task.Run(() => Console.WriteLine(payloadCopy.Length));
            }
            AppDomain.CurrentDomain.ProcessExit += (s, e) => Console.WriteLine(size);
            """,
            LanguageVersion.Preview,
            OutputKind.ConsoleApplication);

        [Fact]
        public Task Fix_all_fixes_each_short_lived_lambda_once() => VerifyCS.VerifyCodeFixAsync(
            """
            using System;

            class C
            {
                private Func<int> _a = () => 0;
                private Func<int> _b = () => 0;

                static int Use(Func<int> f) => f();

                void M(byte[] payload, int size)
                {
                    Use(() => payload.Length);
                    _a = {|MEM003:() =>|} size;
                    _b = {|MEM003:() =>|} size + 1;
                }
            }
            """,
            """
            using System;

            class C
            {
                private Func<int> _a = () => 0;
                private Func<int> _b = () => 0;

                static int Use(Func<int> f) => f();

                void M(byte[] payload, int size)
                {
                    {
                        var payloadCopy = payload;
                        Use(() => payloadCopy.Length);
                    }
                    _a = () => size;
                    _b = () => size + 1;
                }
            }
            """);

        [Theory]
        // The large variable is written: the closure saw later values, a copy would not.
        [InlineData("Use(() => payload.Length); _keep = {|MEM003:() =>|} size; payload = new byte[1];")]
        [InlineData("Use(() => payload.Length); Reset(ref payload); _keep = {|MEM003:() =>|} size;")]
        // Another closure also captures it: moving one would not free it.
        [InlineData("Use(() => payload.Length); Use(() => payload[0]); _keep = {|MEM003:() =>|} size;")]
        // The other closure is a local function: in a block its callers could no longer see it.
        [InlineData("int Checksum() => payload.Length; Checksum(); _keep = {|MEM003:() =>|} size;")]
        // The statement declares a variable used later, in a form that cannot be split.
        [InlineData("if (Use(() => payload.Length) is var n && n > 0) { } _keep = {|MEM003:() =>|} size;")]
        [InlineData("var (a, b) = (Use(() => payload.Length), 1); _keep = {|MEM003:() =>|} size + a + b;")]
        [InlineData("var anonymous = new { Length = Use(() => payload.Length) }; _keep = {|MEM003:() =>|} size + anonymous.Length;")]
        // Not directly in a block.
        [InlineData("if (size > 0) Use(() => payload.Length); _keep = {|MEM003:() =>|} size;")]
        // nameof would change its text.
        [InlineData("Use(() => nameof(payload).Length + payload.Length); _keep = {|MEM003:() =>|} size;")]
        public Task Reports_without_a_fix_when_moving_the_closure_could_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            using System;

            class C
            {
                private Func<int> _keep = () => 0;

                static int Use(Func<int> f) => f();
                static void Reset(ref byte[] data) => data = new byte[0];

                void M(byte[] payload, int size)
                {
                    {{body}}
                }
            }
            """);
    }
}
