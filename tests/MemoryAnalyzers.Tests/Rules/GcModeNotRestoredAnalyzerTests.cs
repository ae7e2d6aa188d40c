using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.GcModeNotRestoredAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.GcModeNotRestoredFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class GcModeNotRestoredAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Runtime;

            class Renderer
            {
                private GCLatencyMode _saved;

                void Work() { }

                void Render(long budget, GCLatencyMode mode, bool flag)
                {
                    {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("{|MEM011:GC.TryStartNoGCRegion(budget)|}; Work(); GC.EndNoGCRegion();")]
        [InlineData("if ({|MEM011:GC.TryStartNoGCRegion(budget, true)|}) { Work(); GC.EndNoGCRegion(); }")]
        [InlineData("var started = {|MEM011:GC.TryStartNoGCRegion(budget, budget / 2)|}; Work(); if (started) GC.EndNoGCRegion();")]
        [InlineData("{|MEM011:GC.TryStartNoGCRegion(budget)|}; Work();")]
        [InlineData("{|MEM011:GC.TryStartNoGCRegion(budget)|}; try { Work(); } catch (Exception) { GC.EndNoGCRegion(); throw; }")]
        [InlineData("{|MEM011:GC.TryStartNoGCRegion(budget)|}; Action end = () => { try { } finally { GC.EndNoGCRegion(); } }; Work();")]
        [InlineData("{|MEM011:GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency|}; Work(); GCSettings.LatencyMode = GCLatencyMode.Interactive;")]
        [InlineData("var old = GCSettings.LatencyMode; {|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|}; Work(); GCSettings.LatencyMode = old;")]
        [InlineData("{|MEM011:GCSettings.LatencyMode = mode|};")]
        [InlineData("{|MEM011:GCSettings.LatencyMode = _saved|};")]
        [InlineData("if (flag) {|MEM011:GCSettings.LatencyMode = GCLatencyMode.Batch|};")]
        [InlineData("{|MEM011:System.Runtime.GCSettings.LatencyMode = GCLatencyMode.LowLatency|}; try { Work(); } catch { GCSettings.LatencyMode = GCLatencyMode.Interactive; }")]
        public Task Reports_a_change_that_is_not_undone_in_a_finally(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("if (GC.TryStartNoGCRegion(budget)) { try { Work(); } finally { GC.EndNoGCRegion(); } }")]
        [InlineData("GC.TryStartNoGCRegion(budget); try { Work(); } finally { if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion(); }")]
        [InlineData("var old = GCSettings.LatencyMode; GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency; try { Work(); } finally { GCSettings.LatencyMode = old; }")]
        [InlineData("GCSettings.LatencyMode = GCLatencyMode.LowLatency; try { Work(); } finally { GCSettings.LatencyMode = GCLatencyMode.Interactive; }")]
        [InlineData("try { Work(); } finally { GCSettings.LatencyMode = mode; }")]
        [InlineData("var old = GCSettings.LatencyMode; Work(); GCSettings.LatencyMode = old;")]
        [InlineData("GCLatencyMode old; old = GCSettings.LatencyMode; Work(); GCSettings.LatencyMode = old;")]
        [InlineData("var current = GCSettings.LatencyMode; GC.EndNoGCRegion(); GC.AddMemoryPressure(budget); GC.RemoveMemoryPressure(budget);")]
        [InlineData("var settings = new Settings(); settings.LatencyMode = GCLatencyMode.LowLatency; Settings.TryStartNoGCRegion(budget);")]
        public Task Silent_when_restored_in_a_finally_or_on_look_alikes(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body) + """

            class Settings
            {
                public GCLatencyMode LatencyMode { get; set; }

                public static bool TryStartNoGCRegion(long size) => true;
            }
            """);

        [Fact]
        public Task Reports_memory_pressure_never_removed_by_its_type() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            sealed class NativeBuffer : IDisposable
            {
                private readonly long _size;

                public NativeBuffer(long size)
                {
                    _size = size;
                    {|MEM011:GC.AddMemoryPressure(size)|};
                }

                public void Dispose() { }

                private sealed class Nested
                {
                    void Release(long size) => GC.RemoveMemoryPressure(size);
                }
            }

            sealed class Other
            {
                void Release(long size) => GC.RemoveMemoryPressure(size);
            }
            """);

        [Fact]
        public Task Silent_when_the_type_removes_its_pressure() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            sealed class NativeBuffer : IDisposable
            {
                private readonly long _size;

                public NativeBuffer(long size)
                {
                    _size = size;
                    GC.AddMemoryPressure(size);
                }

                public void Dispose()
                {
                    GC.RemoveMemoryPressure(_size);
                    GC.SuppressFinalize(this);
                }

                ~NativeBuffer() => GC.RemoveMemoryPressure(_size);
            }

            sealed partial class Split
            {
                public Split() => GC.AddMemoryPressure(100);
            }

            sealed partial class Split
            {
                ~Split() => Release();

                private static void Release() => GC.RemoveMemoryPressure(100);
            }
            """);

        [Fact]
        public Task Reports_in_top_level_statements() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Runtime;

            {|MEM011:GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency|};
            if ({|MEM011:GC.TryStartNoGCRegion(1_000_000)|})
            {
                Console.WriteLine("no collections now");
                GC.EndNoGCRegion();
            }
            """);

        [Fact]
        public Task Reports_in_newer_constructs() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime;

            public record Frame(int Size);

            public sealed class Game(long budget)
            {
                public int Tick(object state)
                {
                    if (state is Frame { Size: > 0 } frame)
                    {
                        {|MEM011:GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency|};
                        int[] sizes = [frame.Size];
                        return Step() + sizes.Length;
                    }

                    return 0;

                    int Step()
                    {
                        if ({|MEM011:GC.TryStartNoGCRegion(budget)|})
                        {
                            GC.EndNoGCRegion();
                        }

                        return 1;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_in_old_language_versions() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("{|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|}; Work();"),
            LanguageVersion.CSharp7_3);
    }
}
