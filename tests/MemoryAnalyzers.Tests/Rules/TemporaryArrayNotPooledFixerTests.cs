using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.TemporaryArrayNotPooledAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.TemporaryArrayNotPooledFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class TemporaryArrayNotPooledFixerTests
    {
        [Fact]
        public Task Rents_a_copy_buffer_and_returns_it_in_a_finally() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output)
                {
                    // One large buffer for the whole copy.
                    var buffer = {|MEM012:new byte[100000]|};
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read); // as much as was read
                    }

                    output.Flush();
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output)
                {
                    // One large buffer for the whole copy.
                    var buffer = ArrayPool<byte>.Shared.Rent(100000);
                    try
                    {
                        int read;
                        while ((read = input.Read(buffer, 0, 100000)) > 0)
                        {
                            output.Write(buffer, 0, read); // as much as was read
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    output.Flush();
                }
            }
            """);

        [Fact]
        public Task Moves_the_rent_of_a_loop_buffer_before_the_loop() => VerifyCS.VerifyCodeFixAsync("""
            using System.Buffers;
            using System.IO;

            class Copier
            {
                const int ChunkSize = 4096;

                void Copy(Stream[] inputs, Stream output)
                {
                    foreach (var input in inputs)
                    {
                        byte[] chunk = {|MEM012:new byte[ChunkSize]|};
                        var read = input.Read(chunk, 0, chunk.Length);
                        output.Write(chunk, 0, read);
                    }
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                const int ChunkSize = 4096;

                void Copy(Stream[] inputs, Stream output)
                {
                    byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    try
                    {
                        foreach (var input in inputs)
                        {
                            var read = input.Read(chunk, 0, ChunkSize);
                            output.Write(chunk, 0, read);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk);
                    }
                }
            }
            """);

        [Fact]
        public Task Rents_for_awaited_asynchronous_reads_and_writes() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Copier
            {
                async Task CopyAsync(Stream input, Stream output)
                {
                    var buffer = {|MEM012:new byte[1 << 17]|};
                    var half = buffer.Length / 2;
                    int read;
                    while ((read = await input.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) != 0)
                    {
                        await output.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                    }
                }
            }
            """, """
            using System.Buffers;
            using System.IO;
            using System.Threading.Tasks;

            class Copier
            {
                async Task CopyAsync(Stream input, Stream output)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(1 << 17);
                    try
                    {
                        var half = (1 << 17) / 2;
                        int read;
                        while ((read = await input.ReadAsync(buffer, 0, 1 << 17).ConfigureAwait(false)) != 0)
                        {
                            await output.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_all_adds_one_using_and_keeps_a_shared_name_in_each_loop() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                void Copy(Stream[] inputs, Stream output)
                {
                    foreach (var input in inputs)
                    {
                        var chunk = {|MEM012:new byte[512]|};
                        var read = input.Read(chunk, 0, chunk.Length);
                        output.Write(chunk, 0, read);
                    }

                    for (var i = 0; i < inputs.Length; i++)
                    {
                        var chunk = {|MEM012:new byte[512]|};
                        var read = inputs[i].Read(chunk, 0, 256);
                        output.Write(chunk, 0, read);
                    }
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                void Copy(Stream[] inputs, Stream output)
                {
                    foreach (var input in inputs)
                    {
                        var chunk = ArrayPool<byte>.Shared.Rent(512);
                        try
                        {
                            var read = input.Read(chunk, 0, 512);
                            output.Write(chunk, 0, read);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(chunk);
                        }
                    }

                    for (var i = 0; i < inputs.Length; i++)
                    {
                        var chunk = ArrayPool<byte>.Shared.Rent(512);
                        try
                        {
                            var read = inputs[i].Read(chunk, 0, 256);
                            output.Write(chunk, 0, read);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(chunk);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task The_try_runs_to_the_end_of_the_block_when_a_local_declared_with_the_uses_is_read_later() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                long Copy(Stream input, Stream output)
                {
                    var buffer = {|MEM012:new byte[1024 * 1024]|};
                    long total = 0;
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                        total += read;
                    }

                    return total;
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                long Copy(Stream input, Stream output)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
                    try
                    {
                        long total = 0;
                        int read;
                        while ((read = input.Read(buffer, 0, 1024 * 1024)) > 0)
                        {
                            output.Write(buffer, 0, read);
                            total += read;
                        }

                        return total;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """);

        [Fact]
        public Task Reads_arguments_by_parameter_when_they_are_named_out_of_order() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                int Fill(Stream input)
                {
                    var buffer = {|MEM012:new byte[100000]|};
                    return input.Read(count: buffer.Length, offset: 0, buffer: buffer);
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                int Fill(Stream input)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(100000);
                    try
                    {
                        return input.Read(count: 100000, offset: 0, buffer: buffer);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """);

        [Fact]
        public Task Rents_a_buffer_whose_length_a_guard_bounds_and_reads_the_variable_for_its_length() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output, int bufferSize)
                {
                    ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 100_000);
                    var buffer = {|MEM012:new byte[bufferSize]|};
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                    }
                }
            }
            """, """
            using System;
            using System.Buffers;
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output, int bufferSize)
                {
                    ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 100_000);
                    var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
                    try
                    {
                        int read;
                        while ((read = input.Read(buffer, 0, bufferSize)) > 0)
                        {
                            output.Write(buffer, 0, read);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """);

        [Fact]
        public Task Rents_a_buffer_whose_read_range_is_decoded_or_hashed() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;

            class Reader
            {
                string Decode(Stream[] inputs, SHA256 hash)
                {
                    var text = new StringBuilder();
                    foreach (var input in inputs)
                    {
                        var chunk = {|MEM012:new byte[4096]|};
                        var read = input.Read(chunk, 0, chunk.Length);
                        text.Append(Encoding.UTF8.GetString(chunk, 0, read));
                        hash.TransformBlock(chunk, 0, read, null, 0);
                    }

                    return text.ToString();
                }
            }
            """, """
            using System.Buffers;
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;

            class Reader
            {
                string Decode(Stream[] inputs, SHA256 hash)
                {
                    var text = new StringBuilder();
                    var chunk = ArrayPool<byte>.Shared.Rent(4096);
                    try
                    {
                        foreach (var input in inputs)
                        {
                            var read = input.Read(chunk, 0, 4096);
                            text.Append(Encoding.UTF8.GetString(chunk, 0, read));
                            hash.TransformBlock(chunk, 0, read, null, 0);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk);
                    }

                    return text.ToString();
                }
            }
            """);

        [Fact]
        public Task Captures_a_computed_length_once_in_a_fresh_local() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output, int hint)
                {
                    var bufferLength = 0;
                    // Never less than 1 MiB.
                    var buffer = {|MEM012:new byte[Math.Max(hint, 1 << 20)]|};
                    var read = input.Read(buffer, 0, buffer.Length);
                    output.Write(buffer, 0, read);
                    output.Flush();
                }
            }
            """, """
            using System;
            using System.Buffers;
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output, int hint)
                {
                    var bufferLength = 0;
                    // Never less than 1 MiB.
                    int bufferLength1 = Math.Max(hint, 1 << 20);
                    var buffer = ArrayPool<byte>.Shared.Rent(bufferLength1);
                    try
                    {
                        var read = input.Read(buffer, 0, bufferLength1);
                        output.Write(buffer, 0, read);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    output.Flush();
                }
            }
            """);

        [Fact]
        public Task Rents_inside_the_loop_when_the_length_changes_from_one_iteration_to_the_next() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output, int[] sizes)
                {
                    foreach (var size in sizes)
                    {
                        if (size < 0) continue;
                        var chunk = {|MEM012:new byte[size]|};
                        var read = input.Read(chunk, 0, chunk.Length);
                        output.Write(chunk, 0, read);
                    }
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                void Copy(Stream input, Stream output, int[] sizes)
                {
                    foreach (var size in sizes)
                    {
                        if (size < 0) continue;
                        var chunk = ArrayPool<byte>.Shared.Rent(size);
                        try
                        {
                            var read = input.Read(chunk, 0, size);
                            output.Write(chunk, 0, read);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(chunk);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Moves_the_rent_before_the_loop_for_a_bounded_parameter() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                void Copy(Stream[] inputs, Stream output, int chunkSize)
                {
                    if (chunkSize < 1) return;
                    foreach (var input in inputs)
                    {
                        var chunk = {|MEM012:new byte[chunkSize]|};
                        var read = input.Read(chunk, 0, chunk.Length);
                        output.Write(chunk, 0, read);
                    }
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                void Copy(Stream[] inputs, Stream output, int chunkSize)
                {
                    if (chunkSize < 1) return;
                    var chunk = ArrayPool<byte>.Shared.Rent(chunkSize);
                    try
                    {
                        foreach (var input in inputs)
                        {
                            var read = input.Read(chunk, 0, chunkSize);
                            output.Write(chunk, 0, read);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk);
                    }
                }
            }
            """);

        [Theory]
        [InlineData("var b = {|MEM012:new byte[100000]|}; b[0] = 1; output.Write(b, 0, 1);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; var task = input.ReadAsync(b, 0, b.Length);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; input.Read(b, 0, 200000);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; input.Read(b, 10, 100);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; input.Read(offset: 10, buffer: b, count: 100);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; output.Write(b, 0, n);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; output.Write(b, 0, b.Length);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; int read = 0; output.Write(b, 0, read); read = input.Read(b, 0, b.Length);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; input.Read(b);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; var text = System.Text.Encoding.UTF8.GetString(b);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; var read = input.Read(b, 0, b.Length); var text = System.Text.Encoding.UTF8.GetString(b, 0, b.Length);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; var read = input.Read(b, 0, b.Length); var at = System.Array.IndexOf(b, (byte)0, read);")]
        [InlineData("var b = {|MEM012:new byte[100000]|}; var read = input.Read(b, 0, b.Length); var more = input.Read(b, 0, read);")]
        [InlineData("for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[n]|}; input.Read(b, 0, b.Length); }")]
        [InlineData("for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[64]|}; }")]
        [InlineData("for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[n - i]|}; input.Read(b, 0, b.Length); }")]
        [InlineData("if (n < 100000) return; var b = {|MEM012:new byte[n]|}; input.Read(b, 0, 100);")]
        [InlineData("long size = 100000; var b = {|MEM012:new byte[size]|}; input.Read(b, 0, b.Length);")]
        public Task No_fix_when_the_code_may_read_what_it_did_not_write_or_depend_on_the_length(string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            using System.IO;
            using System.Threading.Tasks;

            class Copier
            {
                async Task Copy(Stream input, Stream output, int n)
                {
                    {{body}}
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_top_level_declaration() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            var buffer = {|MEM012:new byte[100000]|};
            using var input = new MemoryStream();
            input.Read(buffer, 0, buffer.Length);
            """, """
            using System.IO;

            var buffer = {|MEM012:new byte[100000]|};
            using var input = new MemoryStream();
            input.Read(buffer, 0, buffer.Length);
            """, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        [Fact]
        public Task Rents_inside_a_local_function_with_an_old_language_version() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Copier
            {
                long Count(Stream input)
                {
                    return Drain();

                    long Drain()
                    {
                        long total = 0;
                        var buffer = {|MEM012:new byte[100000]|};
                        int read;
                        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            total += read;
                        }

                        return total;
                    }
                }
            }
            """, """
            using System.Buffers;
            using System.IO;

            class Copier
            {
                long Count(Stream input)
                {
                    return Drain();

                    long Drain()
                    {
                        long total = 0;
                        var buffer = ArrayPool<byte>.Shared.Rent(100000);
                        try
                        {
                            int read;
                            while ((read = input.Read(buffer, 0, 100000)) > 0)
                            {
                                total += read;
                            }
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                        }

                        return total;
                    }
                }
            }
            """, Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);

        [Fact]
        public Task Puts_a_small_loop_buffer_on_the_stack_and_clears_it_each_iteration() => VerifyCS.VerifyCodeFixAsync("""
            class Digits
            {
                int Count(int[] values)
                {
                    var total = 0;
                    foreach (var value in values)
                    {
                        var digits = {|MEM012:new int[10]|};
                        for (var rest = value; rest > 0; rest /= 10)
                        {
                            digits[rest % 10]++;
                        }

                        foreach (var digit in digits)
                        {
                            total += digit > 0 ? 1 : 0;
                        }

                        total += digits.Length;
                    }

                    return total;
                }
            }
            """, """
            using System;

            class Digits
            {
                int Count(int[] values)
                {
                    var total = 0;
                    Span<int> digits = stackalloc int[10];
                    foreach (var value in values)
                    {
                        digits.Clear();
                        for (var rest = value; rest > 0; rest /= 10)
                        {
                            digits[rest % 10]++;
                        }

                        foreach (var digit in digits)
                        {
                            total += digit > 0 ? 1 : 0;
                        }

                        total += digits.Length;
                    }

                    return total;
                }
            }
            """);

        [Theory]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[2048]|}; b[0] = 1; } }")]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new string[4]|}; b[0] = \"a\"; } }")]
        [InlineData("void M(int n) { for (var j = 0; j < n; j++) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[16]|}; b[0] = 1; } } }")]
        [InlineData("async System.Threading.Tasks.Task M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[16]|}; b[0] = 1; } await System.Threading.Tasks.Task.Yield(); }")]
        [InlineData("System.Collections.Generic.IEnumerable<int> M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[16]|}; b[0] = 1; yield return b[0]; } }")]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[16]|}; b[0] = 1; var c = b.LongLength; } }")]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[16]|}; System.Array.Clear(b, 0, 1); } }")]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[n]|}; b[0] = 1; } }")]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var b = {|MEM012:new byte[16]|}; b[0] = 1; } var k = 0; foreach (var b in new int[0]) { k += b; } }")]
        public Task No_stackalloc_when_it_could_grow_the_stack_or_change_behaviour(string member) => VerifyCS.VerifyNoCodeFixAsync($$"""
            class C
            {
                {{member}}
            }
            """);
    }
}
