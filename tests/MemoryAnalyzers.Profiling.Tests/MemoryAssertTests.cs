using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace MemoryAnalyzers.Profiling.Tests
{
    public sealed class MemoryAssertTests
    {
        private static object? s_allocated;

        [Fact]
        public void AllocatesAtMost_passes_at_the_exact_size_and_fails_one_byte_below_with_the_numbers()
        {
            // A byte[1000] is 24 bytes of header and length plus 1,000 bytes: 1,024 bytes.
            Assert.Equal(1_024, MemoryAssert.AllocatesAtMost(1_024, () => s_allocated = new byte[1_000]));

            var failure = Assert.Throws<MemoryAssertionException>(() => MemoryAssert.AllocatesAtMost(1_023, () => s_allocated = new byte[1_000]));
            Assert.Equal("Expected at most 1,023 B allocated, but the action allocated 1,024 B on this thread (1 B more).", failure.Message);
        }

        [Fact]
        public void AllocatesAtMost_zero_holds_for_code_that_does_not_allocate()
        {
            var numbers = new[] { 1, 2, 3 };
            var sum = 0;
            Assert.Equal(0, MemoryAssert.AllocatesAtMost(0, () =>
            {
                foreach (var n in numbers.AsSpan())
                {
                    sum += n;
                }
            }));
            Assert.Equal(6, sum);
        }

        [Fact]
        public void IsCollected_passes_for_an_object_nothing_keeps()
            => MemoryAssert.IsCollected(() => new Widget());
    }

    [Collection(ProcessWide.Name)]
    public sealed class ProcessWideAssertTests
    {
        private static Widget? s_kept;
        private static object? s_large;

        [Fact]
        public void IsCollected_fails_for_an_object_kept_in_a_static_field_and_passes_once_it_is_cleared()
        {
            var failure = Assert.Throws<MemoryAssertionException>(() => MemoryAssert.IsCollected(() => s_kept = new Widget()));
            Assert.Contains(typeof(Widget).FullName!, failure.Message);
            Assert.Contains("still alive after 3 full blocking collections", failure.Message);

            var weak = KeepInStaticField();
            Assert.False(Reachability.IsCollected(weak));
            s_kept = null;
            Assert.True(Reachability.IsCollected(weak));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference KeepInStaticField()
        {
            s_kept = new Widget();
            return new WeakReference(s_kept);
        }

        [Fact]
        public void NoLargeObjectHeapAllocations_fails_from_84976_bytes_of_array_on()
        {
            Assert.Equal(0, MemoryAssert.NoLargeObjectHeapAllocations(() => s_large = new byte[84_975]));

            var failure = Assert.Throws<MemoryAssertionException>(() => MemoryAssert.NoLargeObjectHeapAllocations(() => s_large = new byte[84_976]));
            Assert.StartsWith("Expected no allocation on the large object heap, but 85,000 B were allocated there", failure.Message);
            s_large = null;
        }
    }

    public sealed class Widget
    {
        public int Value { get; set; }
    }
}
