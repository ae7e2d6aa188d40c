using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;

namespace MemoryAnalyzers.Profiling.Tests
{
    [Collection(ProcessWide.Name)]
    public sealed class MemoryProfileTests
    {
        private static object? s_kept;

        /// <summary>
        /// The runtime's large-object threshold is 85,000 bytes of object: a byte[] has 24 bytes of header and length on
        /// 64-bit, so 84,976 elements reach it and 84,975 do not.
        /// </summary>
        [Theory]
        [InlineData(84_976, 85_000L)]
        [InlineData(84_975, 0L)]
        public void A_step_counts_large_object_heap_bytes_from_the_threshold_on(int length, long expected)
        {
            using var profile = MemoryProfile.Start();
            s_kept = new byte[length];
            var step = profile.Mark("array");
            s_kept = null;

            Assert.Equal(expected, step.LargeObjectHeapBytes);
            Assert.True(step.LargeObjectHeapExact);
            Assert.True(step.AllocatedBytes >= 84_999, $"allocated {step.AllocatedBytes}");
        }

        /// <summary>The MEM001 demonstration's loop (src/MemoryAnalyzers.Demo/Scenarios/StringConcatenation.cs), 10,000 appends.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int AppendReport(int n)
        {
            string report = "";
            for (int i = 0; i < n; i++)
            {
                report += "item " + i + ", ";
            }

            return report.Length;
        }

        [Theory]
        [InlineData(AllocationScope.AllThreads)]
        [InlineData(AllocationScope.CurrentThread)]
        public void The_MEM001_loop_allocates_what_the_thread_counter_reports_around_it(AllocationScope scope)
        {
            AppendReport(10); // JIT the loop first.

            var before = GC.GetAllocatedBytesForCurrentThread();
            using var profile = MemoryProfile.Start(new MemoryProfileOptions { Scope = scope });
            AppendReport(10_000);
            var step = profile.Mark("10,000 appends");
            var reference = GC.GetAllocatedBytesForCurrentThread() - before;

            // Each += copies the report so far: about 10,000² × 11 characters / 2, over a gigabyte of strings, the longer
            // ones large enough for the large object heap.
            Assert.InRange(step.AllocatedBytes, (long)(reference * 0.95), (long)(reference * 1.05));
            Assert.True(reference > 1_000_000_000, $"reference {reference}");

            // The large object heap gets every report string of 85,000 bytes or more, across the gen2 collections the loop
            // causes; should a gen2 escape the profile's record, the figure it gives is a lower bound and says so.
            var large = LargeReportStrings(10_000);
            if (step.LargeObjectHeapExact)
            {
                Assert.Equal(large, step.LargeObjectHeapBytes);
            }
            else
            {
                Assert.InRange(step.LargeObjectHeapBytes!.Value, 1, large);
            }
        }

        /// <summary>The bytes of the report strings of <see cref="AppendReport"/> that reach the large object heap.</summary>
        private static long LargeReportStrings(int n)
        {
            long length = 0, large = 0;
            for (var i = 0; i < n; i++)
            {
                length += "item ".Length + i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + ", ".Length;
                var size = (20 + 2 * (length + 1) + 7) & ~7L; // header, method table, length, characters and terminator; 8-aligned.
                if (size >= 85_000)
                {
                    large += size;
                }
            }

            return large;
        }

        [Fact]
        public void Steps_are_separate_and_retained_bytes_follow_what_is_kept()
        {
            using var profile = MemoryProfile.Start(new MemoryProfileOptions { Retained = true });
            var first = profile.Mark("nothing");
            Keep(10_000);
            var kept = profile.Mark("keep 10 MB");
            var nothing = profile.Mark("nothing again");
            s_kept = null;
            var released = profile.Mark("release");

            // 10,000 arrays of 1,024 bytes and the array that holds them; whatever else the process keeps meanwhile is noise
            // of well under a megabyte.
            Assert.True(kept.AllocatedBytes >= 10_000 * 1_024, $"allocated {kept.AllocatedBytes}");
            Assert.True(nothing.AllocatedBytes < kept.AllocatedBytes / 10, $"an empty step allocated {nothing.AllocatedBytes}");
            Assert.True(kept.RetainedBytes - first.RetainedBytes >= 9_000_000, $"retained {first.RetainedBytes} then {kept.RetainedBytes}");
            Assert.True(kept.RetainedBytes - released.RetainedBytes >= 9_000_000, $"retained {kept.RetainedBytes} then {released.RetainedBytes}");
            Assert.Equal(new[] { "nothing", "keep 10 MB", "nothing again", "release" }, profile.Steps.Select(s => s.Name));
        }

        // In a frame of its own: a Debug build keeps the temporaries of a method alive until it returns.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Keep(int arrays) => s_kept = Enumerable.Range(0, arrays).Select(i => new byte[1_000]).ToArray();

        [Fact]
        public void The_profile_does_not_count_its_own_collections()
        {
            using var profile = MemoryProfile.Start(new MemoryProfileOptions { Retained = true });
            profile.Mark("a");
            var step = profile.Mark("b");

            Assert.Equal((0, 0, 0), (step.Gen0Collections, step.Gen1Collections, step.Gen2Collections));
            Assert.Equal(0, step.LargeObjectHeapBytes);
        }

        [Fact]
        public void Collections_during_a_step_are_counted()
        {
            using var profile = MemoryProfile.Start(new MemoryProfileOptions { LargeObjectHeap = false });
            GC.Collect(0);
            GC.Collect(2);
            var step = profile.Mark("collect");

            // At least the two forced ones: the runtime may raise a requested gen0 collection to gen1 (its gen1 budget spent),
            // and a collection of a generation counts for every younger one too.
            Assert.True(step.Gen0Collections >= 2 && step.Gen1Collections >= 1 && step.Gen2Collections >= 1, $"{step.Gen0Collections}/{step.Gen1Collections}/{step.Gen2Collections}");
            Assert.True(step.Gen0Collections >= step.Gen1Collections && step.Gen1Collections >= step.Gen2Collections, $"{step.Gen0Collections}/{step.Gen1Collections}/{step.Gen2Collections}");
            Assert.Null(step.LargeObjectHeapBytes);
            Assert.Null(step.RetainedBytes);
        }

        [Fact]
        public void The_table_and_the_svg_show_every_step()
        {
            using var profile = MemoryProfile.Start(new MemoryProfileOptions { Scope = AllocationScope.CurrentThread });
            s_kept = new byte[100_000];
            profile.Mark("large <array>");
            s_kept = new int[10];
            profile.Mark("small");
            s_kept = null;

            var table = profile.ToTable().Split('\n');
            Assert.StartsWith("step", table[0]);
            Assert.Contains("allocated (this thread)", table[0]);
            Assert.StartsWith("large <array>", table[2]);
            Assert.Contains("100,024 B", table[2]);
            Assert.StartsWith("small", table[3]);
            Assert.StartsWith("total", table[4]);

            var svg = XDocument.Parse(profile.ToSvg());
            var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
            Assert.Contains("large <array>", texts);
            Assert.Contains("small", texts);
            Assert.Equal(4, svg.Descendants().Count(e => e.Name.LocalName == "rect" && e.Elements().Any(t => t.Name.LocalName == "title")));

            // Every bar and mark lies inside the picture.
            static double Number(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
            var width = Number(svg.Root!, "width");
            var bars = svg.Descendants().Where(e => e.Name.LocalName == "rect" && e.Attribute("x") is not null).Select(e => Number(e, "x") + Number(e, "width"));
            var marks = svg.Descendants().Where(e => e.Name.LocalName == "line").SelectMany(e => new[] { Number(e, "x1"), Number(e, "x2") });
            var ends = bars.Concat(marks).ToList();
            Assert.Equal(8, ends.Count); // per step: two bars and a mark with two ends.
            Assert.All(ends, end => Assert.InRange(end, 0, width));
        }

        [Fact]
        public void A_mark_after_dispose_throws()
        {
            var profile = MemoryProfile.Start(new MemoryProfileOptions { LargeObjectHeap = false });
            profile.Dispose();

            Assert.Throws<ObjectDisposedException>(() => profile.Mark("late"));
        }
    }
}
