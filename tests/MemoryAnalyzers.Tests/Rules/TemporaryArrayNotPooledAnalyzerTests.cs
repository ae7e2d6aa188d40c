using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.TemporaryArrayNotPooledAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.TemporaryArrayNotPooledFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class TemporaryArrayNotPooledAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;

            enum Color : short { Red }
            struct Pair { public int A; public long B; }
            struct Holder { public string Name; }

            class Worker
            {
                private byte[] _kept;
                private static void Use(byte[] data) { }

                async Task<object> Run(Stream input, Stream output, int n, int[] items, List<byte[]> list)
                {
                    {{body}}
                    await Task.Yield();
                    return null;
                }
            }
            """;

        [Theory]
        [InlineData("var buffer = {|MEM012:new byte[1024 * 1024]|}; input.Read(buffer, 0, buffer.Length);")]
        [InlineData("byte[] buffer = {|MEM012:new byte[85000]|}; int read = await input.ReadAsync(buffer, 0, buffer.Length);")]
        [InlineData("var values = {|MEM012:new int[21250]|}; values[0] = 1; var total = values[0] + values.Length;")]
        [InlineData("var values = {|MEM012:new long[10625]|}; foreach (var value in values) { }")]
        [InlineData("var values = {|MEM012:new Color[42500]|}; values[1] = Color.Red;")]
        [InlineData("var values = {|MEM012:new Pair[5313]|}; values[0].A = 1;")]
        [InlineData("var values = {|MEM012:new string[10625]|}; values[0] = \"a\";")]
        [InlineData("var jagged = {|MEM012:new byte[10625][]|}; jagged[0] = null;")]
        [InlineData("var chars = {|MEM012:new char[42500]|}; var text = new StringReader(\"x\"); text.Read(chars, 0, chars.Length);")]
        [InlineData("var bytes = {|MEM012:new byte[100000]|}; Array.Clear(bytes, 0, bytes.Length); var text = Encoding.UTF8.GetString(bytes);")]
        [InlineData("var bytes = {|MEM012:new byte[100000]|}; new Random(1).NextBytes(bytes); output.Write(bytes);")]
        [InlineData("input.Read({|MEM012:new byte[100000]|}, 0, 100000);")]
        [InlineData("byte[] buffer; buffer = {|MEM012:new byte[100000]|}; buffer[0] = 1;")]
        [InlineData("var unused = {|MEM012:new byte[100000]|};")]
        public Task Reports_a_temporary_array_on_the_large_object_heap(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("while (true) { var buffer = {|MEM012:new byte[4096]|}; if (input.Read(buffer, 0, buffer.Length) == 0) break; output.Write(buffer, 0, 1); }")]
        [InlineData("foreach (var item in items) { var scratch = {|MEM012:new char[item]|}; scratch[0] = 'a'; }")]
        [InlineData("for (var i = 0; i < n; i++) { var scratch = {|MEM012:new int[16]|}; scratch[i % 16] = i; }")]
        [InlineData("do { var scratch = {|MEM012:new byte[n]|}; input.Read(scratch, 0, n); } while (n-- > 0);")]
        [InlineData("Array.ForEach(items, item => { var scratch = {|MEM012:new byte[item]|}; scratch[0] = 1; });")]
        [InlineData("byte[] scratch; for (var i = 0; i < n; i++) { scratch = {|MEM012:new byte[64]|}; scratch[0] = 1; }")]
        [InlineData("for (var i = 0; i < n; i++) { var big = {|MEM012:new double[20000]|}; big[0] = i; }")]
        public Task Reports_a_temporary_array_allocated_on_every_iteration(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("if (n < 100000) return null; var buffer = {|MEM012:new byte[n]|}; input.Read(buffer, 0, buffer.Length);")]
        [InlineData("if (100000 > n) { throw new ArgumentException(); } var buffer = {|MEM012:new byte[n * 2]|}; buffer[0] = 1;")]
        [InlineData("if (n <= 21249 || input == null) throw new ArgumentException(); var values = {|MEM012:new int[n]|}; values[0] = 1;")]
        [InlineData("if (n is < 100000) { return null; } var buffer = {|MEM012:new byte[n]|}; buffer[0] = 1;")]
        [InlineData("ArgumentOutOfRangeException.ThrowIfLessThan(n, 85000); var buffer = {|MEM012:new byte[n]|}; buffer[0] = 1;")]
        [InlineData("ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(n, 84999); var buffer = {|MEM012:new byte[n]|}; buffer[0] = 1;")]
        [InlineData("var size = Math.Max(n, 1 << 20); var buffer = {|MEM012:new byte[size]|}; input.Read(buffer, 0, size);")]
        [InlineData("var buffer = {|MEM012:new byte[Math.Clamp(n, 100000, 200000)]|}; buffer[0] = 1;")]
        [InlineData("var values = {|MEM012:new long[items.Length + 10625]|}; values[0] = 1;")]
        [InlineData("const int Minimum = 50000; var size = Math.Max(Minimum, n) * 2; var buffer = {|MEM012:new byte[size]|}; buffer[0] = 1;")]
        [InlineData("if (n < 100000) return null; { var buffer = {|MEM012:new byte[n]|}; buffer[0] = 1; }")]
        [InlineData("long big = n; if (big < 5_000_000_000L) return null; var buffer = {|MEM012:new byte[big]|}; buffer[0] = 1;")]
        [InlineData("if (!int.TryParse(\"5\", out var parsed) || parsed < 100000) return null; var buffer = {|MEM012:new byte[parsed]|}; buffer[0] = 1;")]
        public Task Reports_a_temporary_array_whose_length_the_code_bounds_on_the_large_object_heap(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("if (n > 100000) return null; var buffer = new byte[n]; buffer[0] = 1;")]
        [InlineData("if (n < 100000) Console.WriteLine(n); var buffer = new byte[n]; buffer[0] = 1;")]
        [InlineData("if (n < 100000 && input != null) return null; var buffer = new byte[n]; buffer[0] = 1;")]
        [InlineData("if (n < 100000) return null; n = 1; var buffer = new byte[n]; buffer[0] = 1;")]
        [InlineData("var size = Math.Max(n, 100000); size--; var buffer = new byte[size]; buffer[0] = 1;")]
        [InlineData("var buffer = new byte[Math.Min(n, 100000)]; buffer[0] = 1;")]
        [InlineData("var buffer = new byte[(int)(n * 100000L)]; buffer[0] = 1;")]
        [InlineData("var buffer = new byte[n - 100000]; buffer[0] = 1;")]
        [InlineData("var buffer = new byte[items.Length + 100]; buffer[0] = 1;")]
        [InlineData("if (n < 100000) return null; var buffer = new byte[n]; return buffer;")]
        [InlineData("if (n < 100000) return null; var buffer = new byte[n]; Use(buffer);")]
        [InlineData("if (n < 10) return null; var buffer = new byte[n]; buffer[0] = 1;")]
        [InlineData("var buffer = new byte[n]; buffer[0] = 1; if (n < 100000) return null;")]
        [InlineData("ref int size = ref n; if (size < 100000) return null; var buffer = new byte[size]; buffer[0] = 1;")]
        [InlineData("if (n < 100000) return null; var values = new Holder[n]; values[0].Name = \"a\";")]
        public Task Silent_when_the_code_does_not_bound_the_length_above_the_threshold(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Message_says_at_least_for_a_bounded_length() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("if (n < 100000) return null; var buffer = new byte[n]; buffer[0] = 1;"),
            VerifyCS.Diagnostic("MEM012").WithSpan(18, 51, 18, 62).WithArguments("new byte[n]", "at least 100,000 bytes on the large object heap", "call", "byte"));

        [Fact]
        public Task Message_computes_the_bytes() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("var buffer = new byte[1024 * 1024]; input.Read(buffer, 0, buffer.Length); for (var i = 0; i < n; i++) { var small = new char[100]; small[0] = 'a'; var any = new int[n]; any[0] = 1; }"),
            VerifyCS.Diagnostic("MEM012").WithSpan(18, 22, 18, 43).WithArguments("new byte[1024 * 1024]", "1,048,576 bytes on the large object heap", "call", "byte"),
            VerifyCS.Diagnostic("MEM012").WithSpan(18, 125, 18, 138).WithArguments("new char[100]", "200 bytes", "iteration", "char"),
            VerifyCS.Diagnostic("MEM012").WithSpan(18, 166, 18, 176).WithArguments("new int[n]", "a new array", "iteration", "int"));

        [Theory]
        [InlineData("var buffer = new byte[84999]; buffer[0] = 1;")]
        [InlineData("var values = new int[21249]; values[0] = 1;")]
        [InlineData("var buffer = new byte[n]; input.Read(buffer, 0, n);")]
        [InlineData("var buffer = new byte[100000]; return buffer;")]
        [InlineData("var buffer = new byte[100000]; _kept = buffer;")]
        [InlineData("var buffer = new byte[100000]; list.Add(buffer);")]
        [InlineData("var buffer = new byte[100000]; Use(buffer);")]
        [InlineData("var buffer = new byte[100000]; Func<int> f = () => buffer.Length;")]
        [InlineData("var buffer = new byte[100000]; var copy = buffer; copy[0] = 1;")]
        [InlineData("var buffer = new byte[100000]; var stream = new MemoryStream(buffer);")]
        [InlineData("var buffer = new byte[100000]; var view = Array.AsReadOnly(buffer);")]
        [InlineData("var buffer = new byte[100000]; object boxed = buffer;")]
        [InlineData("var buffer = new byte[100000]; Array.Resize(ref buffer, 10);")]
        [InlineData("var buffer = new byte[100000]; int Local() => buffer.Length;")]
        [InlineData("var buffer = new byte[] { 1, 2, 3 }; buffer[0] = 1;")]
        [InlineData("_kept = new byte[100000];")]
        [InlineData("var grid = new byte[1000, 1000]; grid[0, 0] = 1;")]
        [InlineData("var values = new Holder[100000]; values[0].Name = \"a\";")]
        [InlineData("var bytes = new byte[100000]; Span<byte> span = bytes; span[0] = 1;")]
        public Task Silent_for_small_or_escaping_arrays(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("for (var i = 0; i < n; i++) { list.Add(new byte[16]); }")]
        [InlineData("for (var i = 0; i < n; i++) { var b = new byte[16]; list.Add(b); }")]
        [InlineData("foreach (var item in items) { var empty = new byte[0]; Use(empty); }")]
        [InlineData("foreach (var item in items) { var b = new int[] { item }; b[0] = 1; }")]
        [InlineData("for (var i = 0; i < n; i++) { if (i == 0) { var b = new byte[16]; b[0] = 1; } }")]
        [InlineData("var width = 0; byte[] b = null; do { if (width == 0) { width = 4; b = new byte[width]; } b[0] = 1; } while (--width > 0);")]
        [InlineData("for (var i = 0; i < n; i++) { var b = i > 2 ? new byte[16] : null; }")]
        [InlineData("for (var i = 0; i < n; i++) { switch (i) { case 1: var b = new byte[16]; b[0] = 1; break; } }")]
        [InlineData("for (var i = 0; i < n; i++) { var b = new byte[16]; b[0] = 1; break; }")]
        [InlineData("for (var i = 0; i < n; i++) { var b = new byte[16]; b[0] = 1; return b; }")]
        [InlineData("foreach (var item in items) { Func<byte[]> make = () => new byte[16]; }")]
        [InlineData("var cached = new byte[16]; for (var i = 0; i < n; i++) { cached[i % 16] = 1; }")]
        [InlineData("for (var i = new byte[16].Length; i < n; i++) { }")]
        [InlineData("foreach (var item in new byte[16]) { }")]
        public Task Silent_for_arrays_not_allocated_on_every_iteration_or_kept(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Reports_in_top_level_statements_and_local_functions() => VerifyCS.VerifyProgramAsync("""
            using System.IO;

            var buffer = {|MEM012:new byte[1 << 20]|};
            using var input = new MemoryStream();
            input.Read(buffer, 0, buffer.Length);
            Copy(input);

            static void Copy(Stream source)
            {
                for (var i = 0; i < 3; i++)
                {
                    var chunk = {|MEM012:new byte[512]|};
                    source.Read(chunk, 0, chunk.Length);
                }
            }
            """);

        [Fact]
        public Task Reports_in_records_and_primary_constructors_with_collection_expressions_silent() => VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            record Reader(Stream Source)
            {
                public int Sum()
                {
                    int[] small = [1, 2, 3];
                    var total = 0;
                    foreach (var value in small)
                    {
                        var chunk = {|MEM012:new byte[value * 8]|};
                        total += Source.Read(chunk, 0, chunk.Length);
                    }

                    return total;
                }
            }

            class Pump(Stream source)
            {
                public int Drain() => source.Read({|MEM012:new byte[1 << 17]|}, 0, 1 << 17);
            }
            """);

        [Fact]
        public Task Reports_with_old_language_versions() => VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            class Old
            {
                int Read(Stream input)
                {
                    byte[] buffer = {|MEM012:new byte[100000]|};
                    return input.Read(buffer, 0, buffer.Length);
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Fact]
        public async Task Silent_without_an_array_pool()
        {
            // netstandard2.0 without the System.Buffers package has no ArrayPool<T>: there is nothing to suggest.
            var test = new VerifyCS.Test(LanguageVersion.CSharp7_3)
            {
                TestCode = """
                    class NoPool
                    {
                        void Run() { var buffer = new byte[100000]; buffer[0] = 1; }
                    }
                    """,
                ReferenceAssemblies = ReferenceAssemblies.NetStandard.NetStandard20,
            };
            await test.RunAsync();
        }
    }
}
