using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace MemoryAnalyzers.Profiling.Tests
{
    [Collection(ProcessWide.Name)]
    public sealed class HeapSnapshotTests
    {
        private static Marker[]? s_markers;

        public sealed class Marker
        {
            public long Value;
        }

        [Fact]
        public void A_diff_after_allocating_1000_instances_shows_1000_more_of_the_type()
        {
            s_markers = null;
            var before = HeapSnapshot.Take();
            Allocate(1_000);
            var after = HeapSnapshot.Take();

            var change = after.Diff(before).Of(typeof(Marker));
            Assert.Equal("MemoryAnalyzers.Profiling.Tests.HeapSnapshotTests+Marker", change.TypeName);
            Assert.Equal(1_000, change.CountDelta);
            Assert.Equal(1_000 * 24, change.BytesDelta); // header, method table pointer and one long: 24 bytes each.
            Assert.Equal(0, before.Of(typeof(Marker)).Count);
            Assert.Equal(1_000, after.Of(typeof(Marker)).Count);

            // Largest first, the dump deleted, and what it cost recorded.
            Assert.Equal(after.Types.OrderByDescending(t => t.Bytes).Select(t => t.Bytes), after.Types.Select(t => t.Bytes));
            Assert.True(after.DumpBytes > 0);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"memoryanalyzers-heap-{Environment.ProcessId}-*"));
            Assert.Contains("HeapSnapshotTests+Marker", after.Diff(before).ToTable());
            GC.KeepAlive(s_markers);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Allocate(int count)
        {
            s_markers = new Marker[count];
            for (var i = 0; i < count; i++)
            {
                s_markers[i] = new Marker { Value = i };
            }
        }

        [Fact]
        public void Without_the_data_access_library_the_snapshot_names_it()
        {
            var empty = Directory.CreateTempSubdirectory("memoryanalyzers-no-runtime-");
            try
            {
                var failure = Assert.Throws<ProfilingUnavailableException>(() => HeapSnapshot.Take(Environment.ProcessId, empty.FullName));
                Assert.Equal("The runtime's data-access library", failure.Capability);
                Assert.Contains("mscordaccore", failure.Message);
            }
            finally
            {
                empty.Delete();
            }
        }

        [Fact]
        public void Without_a_diagnostics_port_the_snapshot_names_it()
        {
            // No process listens on the diagnostics port of this id, as with DOTNET_EnableDiagnostics=0.
            var failure = Assert.Throws<ProfilingUnavailableException>(
                () => HeapSnapshot.Take(int.MaxValue - 7, Path.GetDirectoryName(typeof(object).Assembly.Location)));
            Assert.Equal("The diagnostics port", failure.Capability);
            Assert.Contains("DOTNET_EnableDiagnostics=0", failure.Message);
        }

        public static IEnumerable<object[]> Names => new[]
        {
            new object[] { typeof(string), "System.String" },
            new object[] { typeof(int[]), "System.Int32[]" },
            new object[] { typeof(int[,]), "System.Int32[,]" },
            new object[] { typeof(List<string>), "System.Collections.Generic.List<System.String>" },
            new object[] { typeof(Dictionary<int, Marker[]>), "System.Collections.Generic.Dictionary<System.Int32, MemoryAnalyzers.Profiling.Tests.HeapSnapshotTests+Marker[]>" },
            new object[] { typeof(Marker), "MemoryAnalyzers.Profiling.Tests.HeapSnapshotTests+Marker" },
        };

        [Theory]
        [MemberData(nameof(Names))]
        public void Runtime_names_are_written_as_the_heap_walk_writes_them(Type type, string expected)
            => Assert.Equal(expected, HeapSnapshot.RuntimeName(type));
    }
}
