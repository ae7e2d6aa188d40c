using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.SharedClosureKeepsLargeObjectAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.SharedClosureKeepsLargeObjectFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// The scoping cases mirror <see cref="SharedClosureRuntimeTests"/>, which checks on the runtime which of them
    /// really keep the large object alive.
    /// </summary>
    public sealed class SharedClosureKeepsLargeObjectAnalyzerTests
    {
        private static string InClass(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private Func<int> _keep = () => 0;
                private Action _onStop = () => { };
                private int _x;
                public event EventHandler Changed = delegate { };

                static int Use(Func<int> f) => f();
                static int Crc(byte[] data) => data.Length;

                {{members}}
            }
            """;

        [Theory]
        // Parameter and local of the method body share one closure.
        [InlineData("void M(byte[] payload) { int size = payload.Length; Use(() => Crc(payload)); _keep = {|MEM003:() =>|} size; }")]
        [InlineData("void M() { var payload = new byte[10]; int size = 1; Use(() => payload.Length); _keep = {|MEM003:() =>|} size; }")]
        [InlineData("void M(byte[] payload, int size) { Use(() => payload.Length); _keep = {|MEM003:() =>|} size; }")]
        // Loop body: one closure per iteration, shared by both lambdas of the iteration.
        [InlineData("void M(int n) { for (int i = 0; i < n; i++) { var payload = new byte[10]; int size = i; Use(() => payload.Length); _keep = {|MEM003:() =>|} size; } }")]
        // The escaping lambda in an inner block also reaches the outer closure through 'n'.
        [InlineData("void M(byte[] payload) { int n = 1; Use(() => payload.Length + n); { int size = 5; _keep = {|MEM003:() =>|} size + n; } }")]
        // Only 'this': placed in the body's closure when it exists, wherever the lambda is.
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); _keep = {|MEM003:() =>|} _x; }")]
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); { _keep = {|MEM003:() =>|} _x; } }")]
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); for (int i = 0; i < 1; i++) { int k = i; Use(() => k); _keep = {|MEM003:() =>|} _x; } }")]
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); Use(() => { _keep = {|MEM003:() =>|} _x; return 0; }); }")]
        // The escaping lambda nested in the one that uses the large variable.
        [InlineData("void M(byte[] payload) { int size = 2; Use(() => { _keep = {|MEM003:() =>|} size; return payload.Length; }); }")]
        // The other closure is a local function that is only called.
        [InlineData("void M(byte[] payload) { int size = 1; int Checksum() => payload.Length; Checksum(); _keep = {|MEM003:() =>|} size; }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); _keep = {|MEM003:delegate|} { return size; }; }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); _keep = {|MEM003:delegate ()|} { return size; }; }")]
        public Task Reports_a_delegate_that_shares_the_closure_of_a_large_variable(string member) => VerifyCS.VerifyAnalyzerAsync(InClass(member));

        [Theory]
        [InlineData("Func<int> M(byte[] payload) { int size = 1; Use(() => payload.Length); return {|MEM003:() =>|} size; }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); Changed += {|MEM003:(s, e) =>|} Console.WriteLine(size); }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); Task.Run({|MEM003:() =>|} Console.WriteLine(size)); }")]
        [InlineData("void M(byte[] payload, CancellationToken token) { int size = 1; Use(() => payload.Length); token.Register({|MEM003:() =>|} Console.WriteLine(size)); }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); new Thread({|MEM003:() =>|} Console.WriteLine(size)).Start(); }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); int Size() => size; _keep = {|MEM003:Size|}; }")]
        [InlineData("void M(List<int> items) { int size = 1; Use(() => items.Count); _keep = {|MEM003:() =>|} size; }")]
        [InlineData("void M(string text) { int size = 1; Use(() => text.Length); _keep = {|MEM003:() =>|} size; }")]
        [InlineData("void M(Stream stream) { int size = 1; Use(() => (int)stream.Length); _keep = {|MEM003:() =>|} size; }")]
        public Task Reports_every_escaping_form_and_large_type(string member) => VerifyCS.VerifyAnalyzerAsync(InClass(member));

        [Fact]
        public Task Names_the_large_variable_and_points_at_the_other_closure() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;

            class C
            {
                private Action _onStop = () => { };

                static int Crc(byte[] data) => data.Length;

                void Start(byte[] payload)
                {
                    int size = payload.Length;
                    var checksum = Task.Run({|#1:() => Crc(payload)|});
                    _onStop = {|#0:() =>|} Console.WriteLine(size);
                }
            }
            """,
            VerifyCS.Diagnostic("MEM003").WithLocation(0).WithLocation(1).WithArguments("payload"));

        [Theory]
        // Different blocks get different closures.
        [InlineData("void M() { { var payload = new byte[10]; Use(() => payload.Length); } { int size = 5; _keep = () => size; } }")]
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); { int size = 5; _keep = () => size; } }")]
        [InlineData("void M(byte[] payload) { for (int i = 0; i < 1; i++) { int size = i; Use(() => payload.Length); _keep = () => size; } }")]
        [InlineData("void M(byte[][] payloads) { foreach (var payload in payloads) { int size = payload.Length; Use(() => payload.Length); _keep = () => size; } }")]
        [InlineData("void M() { using (var d = new MemoryStream()) { var payload = new byte[10]; Use(() => payload.Length + (int)d.Length); _keep = () => (int)d.Length; } }")]
        // The fixed form: the short-lived lambda uses a copy declared in its own block.
        [InlineData("void M(byte[] payload) { int size = payload.Length; { var payloadCopy = payload; Use(() => Crc(payloadCopy)); } _keep = () => size; }")]
        // A static lambda, or one that captures nothing, shares nothing.
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); _keep = static () => 5; }")]
        [InlineData("void M(byte[] payload) { Use(() => payload.Length); _keep = () => 5; }")]
        // 'this' only, but the large variable is in an inner block: the body has no closure.
        [InlineData("void M() { { var payload = new byte[10]; Use(() => payload.Length); } _keep = () => _x; }")]
        [InlineData("void M() { for (int i = 0; i < 1; i++) { var payload = new byte[10]; Use(() => payload.Length); _keep = () => _x; } }")]
        // The escaping delegate uses the large variable itself: nothing hidden.
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); _keep = () => payload.Length + size; }")]
        [InlineData("void M(byte[] payload) { int size = 1; _keep = () => { Use(() => payload.Length); return size; }; }")]
        // Small variables only, or nothing escapes.
        [InlineData("void M(int a, int b) { Use(() => a); _keep = () => b; }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); Func<int> f = () => size; Use(f); }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); var n = new[] { 1 }.Select(x => x + size).Sum(); }")]
        [InlineData("void M(byte[] payload) { int size = 1; _keep = () => size; }")]
        // Awaited at once: the delegate is gone before the method goes on.
        [InlineData("async Task M(byte[] payload) { int size = 1; Use(() => payload.Length); await Task.Run(() => Console.WriteLine(size)); }")]
        // Lambda parameters are not captured.
        [InlineData("void M(int size) { Func<byte[], int> f = payload => payload.Length; Use(() => f(new byte[1])); _keep = () => size; }")]
        // The closure that uses the large variable outlives the method too: it keeps the variable by itself.
        [InlineData("void M(byte[] payload) { int size = 1; _keep = () => payload.Length; _onStop = () => Console.WriteLine(size); }")]
        [InlineData("void M(List<int> items, int index) { Changed += (s, e) => items[index] = 0; _keep = () => index; }")]
        [InlineData("void M(string name) { int id = 1; Changed += (s, e) => Console.WriteLine(name); Changed += (s, e) => Console.WriteLine(id); }")]
        public Task Silent_when_no_shared_closure_keeps_a_large_variable(string member) => VerifyCS.VerifyAnalyzerAsync(InClass(member));

        [Fact]
        public Task Silent_for_primary_constructor_parameters() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Holder(byte[] payload, int size)
            {
                private Func<int> _keep = () => 0;
                static int Use(Func<int> f) => f();

                void M()
                {
                    Use(() => payload.Length);
                    _keep = () => size;
                }
            }
            """);

        [Fact]
        public Task Reports_in_top_level_statements_and_lambdas_with_their_own_parameters() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Threading.Tasks;

            var payload = new byte[1024];
            int size = payload.Length;
            await Task.Run(() => Console.WriteLine(payload.Length));
            Action<byte[]> register = data =>
            {
                int count = 1;
                Console.WriteLine(new Func<int>(() => data.Length)());
                AppDomain.CurrentDomain.DomainUnload += {|MEM003:(s, e) =>|} Console.WriteLine(count);
            };
            AppDomain.CurrentDomain.ProcessExit += {|MEM003:(s, e) =>|} Console.WriteLine(size);
            """);

        [Fact]
        public Task Reports_in_old_language_versions() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System;

            class C
            {
                private Func<int> _keep;

                static int Use(Func<int> f) { return f(); }

                void M(byte[] payload)
                {
                    int size = payload.Length;
                    Use(delegate { return payload.Length; });
                    _keep = {|MEM003:delegate|} { return size; };
                }
            }
            """,
            LanguageVersion.CSharp7_3);

        [Fact]
        public async Task Honours_the_large_types_and_keeping_methods_options()
        {
            var test = new VerifyCS.Test(LanguageVersion.Preview)
            {
                TestCode = """
                    using System;

                    class Image { public int Width; }

                    static class Scheduler
                    {
                        public static void Later(Action action) { }
                    }

                    class C
                    {
                        static int Use(Func<int> f) => f();

                        void M(Image image, byte[] data, int size)
                        {
                            Use(() => image.Width);
                            Scheduler.Later({|MEM003:() =>|} Console.WriteLine(size));
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                memory_analyzers.MEM003.large_types = Image
                memory_analyzers.MEM003.keeping_methods = Scheduler.Later
                """));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); var other = new C(); other._keep = () => size; }")]
        [InlineData("void M(byte[] payload) { int size = 1; Use(() => payload.Length); Changed -= (s, e) => Console.WriteLine(size); }")]
        public Task Silent_when_the_delegate_is_stored_in_a_local_object_or_unsubscribed(string member) => VerifyCS.VerifyAnalyzerAsync(InClass(member));

        public static IEnumerable<object[]> BrokenClosures() => new[]
        {
            "class C { System.Func<int> _f; void M(byte[] d) { int n = 1; Use(() => d.); _f = () => n; } }",
            "class C { System.Func<int> _f; void M(byte[] d) { _f = () => d[; } }",
            "class C { System.Func<int> _f; void M(Undefined d) { _f = () => d.Length; } }",
            "class C { System.Func<int> _f; void M(byte[] d) { _f = () => d.Length + ; System.Threading.Tasks.Task.Run(() => d } }",
            "class C { void M(byte[] d) { int L() => d.Length; System.Func<int> f = L; return L; } }",
            "class C(byte[] d) { System.Func<int> _f = () => d.Length; void M() { _f = () => d[0]; } }",
            "class C { System.Func<int> _f; C(byte[] d) : this(() => d.Length) { _f = () => d.Length; } C(System.Func<int> f) { } }",
            "class C { event System.Action E; void M(byte[] d) { int n = 0; E += () => n; E += delegate { d.Length; }; } }",
            "class C { System.Func<int> _f; void M(ref byte[] d) { _f = () => d.Length; } }",
        }.Select(code => new object[] { code });

        [Theory]
        [MemberData(nameof(BrokenClosures))]
        public async Task No_analyzer_throws_on_broken_closures(string code)
        {
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Broken.cs", code) });
            await AnalyzerCatalog.RunAllAsync(compilation);
        }

        [Fact]
        public async Task A_method_with_1000_closure_pairs_is_analysed_and_each_escaping_delegate_reported_once()
        {
            // Binding thousands of lambdas in one method is slow in the compiler itself (every analyzer, even one that
            // ignores lambdas, pays the same for the operation tree); a thousand pairs keep the test quick. The rule itself
            // keeps one entry per large variable and scope, so its own work stays linear.
            const int closures = 1000;
            var body = new StringBuilder();
            for (var i = 0; i < closures; i++)
            {
                body.AppendLine($"        var payload{i} = new byte[{i % 7 + 1}]; int size{i} = {i};");
                body.AppendLine($"        Use(() => payload{i}.Length);");
                body.AppendLine($"        Keep.Add(() => size{i});");
            }

            var source = $$"""
                using System;
                using System.Collections.Generic;

                public class Generated
                {
                    public List<Func<int>> Keep { get; } = new();

                    static int Use(Func<int> f) => f();

                    public void Many()
                    {
                {{body}}
                    }
                }
                """;
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Many.cs", source) });
            var diagnostics = await AnalyzerCatalog.RunAllAsync(compilation);
            Assert.Equal(closures, diagnostics.Count(d => d.Id == RuleIds.SharedClosureKeepsLargeObject));
        }
    }
}
