using System;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM012's fix on the real runtime: the rented buffer is longer than asked and holds what the pool's last user left
    /// in it, yet the fixed copy writes exactly the bytes the original writes, for inputs shorter and longer than the
    /// buffer; and the original allocates a large-object-heap array on every call while the fixed one does not.
    /// </summary>
    [Collection(ProcessWideGcState.Name)]
    public sealed class TemporaryArrayNotPooledRuntimeTests
    {
        private const string LargeBufferSource = """
            using System.IO;

            public static class Scenario
            {
                public static byte[] Run(byte[] data)
                {
                    using var input = new MemoryStream(data);
                    using var output = new MemoryStream();
                    var buffer = new byte[100_000];
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                    }

                    return output.ToArray();
                }
            }
            """;

        private const string BoundedBufferSource = """
            using System;
            using System.IO;

            public static class Scenario
            {
                public static byte[] Run(byte[] data)
                {
                    using var input = new MemoryStream(data);
                    using var output = new MemoryStream();
                    var buffer = new byte[Math.Max(data.Length / 3, 90_000)];
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                    }

                    return output.ToArray();
                }
            }
            """;

        private const string DecodeSource = """
            using System.IO;
            using System.Text;

            public static class Scenario
            {
                public static byte[] Run(byte[] data)
                {
                    using var input = new MemoryStream(data);
                    var text = new StringBuilder();
                    for (var pass = 0; pass < 4; pass++)
                    {
                        var chunk = new byte[700];
                        var read = input.Read(chunk, 0, chunk.Length);
                        text.Append(Encoding.Latin1.GetString(chunk, 0, read));
                    }

                    return Encoding.Latin1.GetBytes(text.ToString());
                }
            }
            """;

        private const string LoopBufferSource = """
            using System.IO;

            public static class Scenario
            {
                public static byte[] Run(byte[] data)
                {
                    using var input = new MemoryStream(data);
                    using var output = new MemoryStream();
                    for (var pass = 0; pass < 3; pass++)
                    {
                        var chunk = new byte[1000];
                        var read = input.Read(chunk, 0, chunk.Length);
                        output.Write(chunk, 0, read);
                    }

                    return output.ToArray();
                }
            }
            """;

        private const string StackBufferSource = """
            public static class Scenario
            {
                public static int Run(int[] values)
                {
                    var distinct = 0;
                    foreach (var value in values)
                    {
                        var digits = new int[10];
                        for (var rest = value; rest > 0; rest /= 10)
                        {
                            digits[rest % 10]++;
                        }

                        foreach (var digit in digits)
                        {
                            distinct = distinct * 31 + digit;
                        }
                    }

                    return distinct;
                }
            }
            """;

        [Fact]
        public async Task Stackalloc_fix_counts_the_same_as_fresh_arrays()
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(StackBufferSource, new TemporaryArrayNotPooledAnalyzer(), new TemporaryArrayNotPooledFixer());
            Assert.Contains("stackalloc int[10]", fixedSource, StringComparison.Ordinal);
            Assert.Contains("digits.Clear();", fixedSource, StringComparison.Ordinal);
            var values = new[] { 0, 7, 1_234_567_890, 1_000, 99, 5_050_505 };
            var original = RuntimeScenario.LoadRun(StackBufferSource, "Scenario").Invoke(null, new object[] { values });
            var fixedResult = RuntimeScenario.LoadRun(fixedSource, "Scenario").Invoke(null, new object[] { values });
            Assert.Equal(original, fixedResult);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(99_999)]
        [InlineData(250_001)]
        public async Task Fixed_copy_writes_the_same_bytes(int length)
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(LargeBufferSource, new TemporaryArrayNotPooledAnalyzer(), new TemporaryArrayNotPooledFixer());
            Assert.Contains("ArrayPool<byte>.Shared.Rent(100_000)", fixedSource, StringComparison.Ordinal);
            PoisonPool(100_000);
            AssertSameOutput(LargeBufferSource, fixedSource, length);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(99_999)]
        [InlineData(400_001)]
        public async Task Fixed_copy_with_a_bounded_length_writes_the_same_bytes(int length)
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(BoundedBufferSource, new TemporaryArrayNotPooledAnalyzer(), new TemporaryArrayNotPooledFixer());
            Assert.Contains("int bufferLength = Math.Max(data.Length / 3, 90_000);", fixedSource, StringComparison.Ordinal);
            Assert.Contains("input.Read(buffer, 0, bufferLength)", fixedSource, StringComparison.Ordinal);
            PoisonPool(90_000);
            PoisonPool(400_001 / 3);
            AssertSameOutput(BoundedBufferSource, fixedSource, length);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(999)]
        [InlineData(2_500)]
        [InlineData(10_000)]
        public async Task Fixed_loop_rents_once_and_writes_the_same_bytes(int length)
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(LoopBufferSource, new TemporaryArrayNotPooledAnalyzer(), new TemporaryArrayNotPooledFixer());
            Assert.True(fixedSource.IndexOf("Rent(1000)", StringComparison.Ordinal) < fixedSource.IndexOf("for (", StringComparison.Ordinal), "the rent moved before the loop");
            PoisonPool(1000);
            AssertSameOutput(LoopBufferSource, fixedSource, length);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(650)]
        [InlineData(2_000)]
        [InlineData(5_000)]
        public async Task Fixed_decoding_loop_reads_only_what_was_read(int length)
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(DecodeSource, new TemporaryArrayNotPooledAnalyzer(), new TemporaryArrayNotPooledFixer());
            Assert.Contains("Rent(700)", fixedSource, StringComparison.Ordinal);
            Assert.Contains("GetString(chunk, 0, read)", fixedSource, StringComparison.Ordinal);
            PoisonPool(700);
            AssertSameOutput(DecodeSource, fixedSource, length);
        }

        [Fact]
        public async Task Original_allocates_on_the_large_object_heap_and_the_fixed_one_does_not()
        {
            var fixedSource = await RuntimeScenario.ApplyFixAsync(LargeBufferSource, new TemporaryArrayNotPooledAnalyzer(), new TemporaryArrayNotPooledFixer());
            var original = RuntimeScenario.LoadRun(LargeBufferSource, "Scenario");
            var fixedRun = RuntimeScenario.LoadRun(fixedSource, "Scenario");
            var data = new byte[10];
            original.Invoke(null, new object[] { data });
            fixedRun.Invoke(null, new object[] { data });

            var before = GC.GetAllocatedBytesForCurrentThread();
            original.Invoke(null, new object[] { data });
            var originalBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            fixedRun.Invoke(null, new object[] { data });
            var fixedBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(originalBytes >= 100_000, $"the original allocates its buffer on every call ({originalBytes} bytes)");
            Assert.True(fixedBytes < 10_000, $"the fixed one reuses the pooled buffer ({fixedBytes} bytes)");
        }

        private static void AssertSameOutput(string originalSource, string fixedSource, int length)
        {
            var data = new byte[length];
            new Random(length).NextBytes(data);
            var original = (byte[])RuntimeScenario.LoadRun(originalSource, "Scenario").Invoke(null, new object[] { data })!;
            var fixedResult = (byte[])RuntimeScenario.LoadRun(fixedSource, "Scenario").Invoke(null, new object[] { data })!;
            Assert.Equal(original, fixedResult);
        }

        /// <summary>Leaves a buffer full of non-zero bytes in the shared pool, so that the fixed code rents a dirty one.</summary>
        private static void PoisonPool(int length)
        {
            var dirty = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            dirty.AsSpan().Fill(0xAB);
            System.Buffers.ArrayPool<byte>.Shared.Return(dirty);
        }
    }
}
