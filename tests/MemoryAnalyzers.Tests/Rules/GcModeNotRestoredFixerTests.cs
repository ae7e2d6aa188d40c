using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.GcModeNotRestoredAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.GcModeNotRestoredFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class GcModeNotRestoredFixerTests
    {
        [Fact]
        public Task Wraps_the_rest_of_the_block_and_ends_the_region_only_when_it_is_open() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Renderer
            {
                void Work() { }

                void Render()
                {
                    {|MEM011:GC.TryStartNoGCRegion(1_000_000)|};
                    // Nothing may collect while the frame is drawn.
                    Work();
                    GC.EndNoGCRegion(); // back to normal
                }
            }
            """, """
            using System;
            using System.Runtime;

            class Renderer
            {
                void Work() { }

                void Render()
                {
                    GC.TryStartNoGCRegion(1_000_000);
                    try
                    {
                        // Nothing may collect while the frame is drawn.
                        Work();
                        GC.EndNoGCRegion(); // back to normal
                    }
                    finally
                    {
                        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                        {
                            GC.EndNoGCRegion();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Wraps_the_body_of_an_if_that_starts_the_region() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Runtime;

            class Renderer
            {
                void Work() { }

                void Render()
                {
                    if ({|MEM011:GC.TryStartNoGCRegion(1_000_000)|})
                    {
                        Work();
                        GC.EndNoGCRegion();
                    }

                    Work();
                }
            }
            """, """
            using System;
            using System.Runtime;

            class Renderer
            {
                void Work() { }

                void Render()
                {
                    if (GC.TryStartNoGCRegion(1_000_000))
                    {
                        try
                        {
                            Work();
                            GC.EndNoGCRegion();
                        }
                        finally
                        {
                            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                            {
                                GC.EndNoGCRegion();
                            }
                        }
                    }

                    Work();
                }
            }
            """);

        [Fact]
        public Task Moves_the_restoring_assignment_into_a_finally() => VerifyCS.VerifyCodeFixAsync("""
            using System.Runtime;

            class Renderer
            {
                int Work() => 1;

                int Render()
                {
                    var previous = GCSettings.LatencyMode;
                    var frames = 0;
                    {|MEM011:GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency|};
                    frames += Work();
                    frames += Work();
                    // Back to what it was.
                    GCSettings.LatencyMode = previous;
                    return frames;
                }
            }
            """, """
            using System.Runtime;

            class Renderer
            {
                int Work() => 1;

                int Render()
                {
                    var previous = GCSettings.LatencyMode;
                    var frames = 0;
                    GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
                    try
                    {
                        frames += Work();
                        frames += Work();
                    }
                    finally
                    {
                        // Back to what it was.
                        GCSettings.LatencyMode = previous;
                    }
                    return frames;
                }
            }
            """);

        [Fact]
        public Task Fix_all_fixes_every_region_and_mode() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Runtime;

            class Renderer
            {
                void Work() { }

                void Render()
                {
                    {|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|};
                    Work();
                    GCSettings.LatencyMode = GCLatencyMode.Interactive;
                    {|MEM011:GC.TryStartNoGCRegion(1000)|};
                    Work();
                    GC.EndNoGCRegion();
                }

                void Again()
                {
                    if ({|MEM011:GC.TryStartNoGCRegion(1000)|})
                    {
                        Work();
                        GC.EndNoGCRegion();
                    }
                }
            }
            """, """
            using System;
            using System.Runtime;

            class Renderer
            {
                void Work() { }

                void Render()
                {
                    GCSettings.LatencyMode = GCLatencyMode.LowLatency;
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        GCSettings.LatencyMode = GCLatencyMode.Interactive;
                    }
                    GC.TryStartNoGCRegion(1000);
                    try
                    {
                        Work();
                        GC.EndNoGCRegion();
                    }
                    finally
                    {
                        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                        {
                            GC.EndNoGCRegion();
                        }
                    }
                }

                void Again()
                {
                    if (GC.TryStartNoGCRegion(1000))
                    {
                        try
                        {
                            Work();
                            GC.EndNoGCRegion();
                        }
                        finally
                        {
                            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                            {
                                GC.EndNoGCRegion();
                            }
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Qualifies_the_names_when_the_file_has_its_own_gc_settings() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class GCSettings { }

            class Renderer
            {
                void Render()
                {
                    {|MEM011:GC.TryStartNoGCRegion(1000)|};
                    GC.EndNoGCRegion();
                }
            }
            """, """
            using System;
            using System.Runtime;

            class GCSettings { }

            class Renderer
            {
                void Render()
                {
                    GC.TryStartNoGCRegion(1000);
                    try
                    {
                        GC.EndNoGCRegion();
                    }
                    finally
                    {
                        if (global::System.Runtime.GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                        {
                            GC.EndNoGCRegion();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Adds_the_first_using_of_a_file_and_names_gc_in_full() => VerifyCS.VerifyCodeFixAsync("""
            // A file without usings.
            class Renderer
            {
                void Render()
                {
                    {|MEM011:System.GC.TryStartNoGCRegion(1000)|};
                    System.GC.EndNoGCRegion();
                }
            }
            """, """
            // A file without usings.
            using System.Runtime;

            class Renderer
            {
                void Render()
                {
                    System.GC.TryStartNoGCRegion(1000);
                    try
                    {
                        System.GC.EndNoGCRegion();
                    }
                    finally
                    {
                        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                        {
                            global::System.GC.EndNoGCRegion();
                        }
                    }
                }
            }
            """);

        [Theory]
        // Ended or restored by another method: the region or mode is meant to outlive the call.
        [InlineData("{|MEM011:GC.TryStartNoGCRegion(1000)|}; Work();")]
        [InlineData("{|MEM011:GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency|}; Work();")]
        // The restore is not a statement of the same block, or another change comes first.
        [InlineData("{|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|}; Work(); if (flag) GCSettings.LatencyMode = GCLatencyMode.Interactive;")]
        [InlineData("{|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|}; if (flag) GCSettings.LatencyMode = GCLatencyMode.Batch; GCSettings.LatencyMode = GCLatencyMode.Interactive;")]
        [InlineData("if (flag) {|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|};")]
        // A local declared in the run is used after it.
        [InlineData("{|MEM011:GCSettings.LatencyMode = GCLatencyMode.LowLatency|}; var n = 1; GCSettings.LatencyMode = GCLatencyMode.Interactive; Console.WriteLine(n);")]
        // A local function in the run could be called before it.
        [InlineData("Step(); {|MEM011:GC.TryStartNoGCRegion(1000)|}; void Step() { } GC.EndNoGCRegion();")]
        public Task Not_offered_when_it_would_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            using System;
            using System.Runtime;

            class Renderer
            {
                void Work() { }

                void Render(bool flag)
                {
                    {{body}}
                }
            }
            """);

        [Fact]
        public Task No_fix_for_memory_pressure() => VerifyCS.VerifyNoCodeFixAsync("""
            using System;

            sealed class NativeBuffer
            {
                public NativeBuffer(long size) => {|MEM011:GC.AddMemoryPressure(size)|};
            }
            """);

        [Fact]
        public Task Fixes_in_local_functions_and_old_language_versions() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Renderer
            {
                void Render()
                {
                    Draw();

                    void Draw()
                    {
                        {|MEM011:GC.TryStartNoGCRegion(1000)|};
                        Console.WriteLine();
                        GC.EndNoGCRegion();
                    }
                }
            }
            """, """
            using System;
            using System.Runtime;

            class Renderer
            {
                void Render()
                {
                    Draw();

                    void Draw()
                    {
                        GC.TryStartNoGCRegion(1000);
                        try
                        {
                            Console.WriteLine();
                            GC.EndNoGCRegion();
                        }
                        finally
                        {
                            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                            {
                                GC.EndNoGCRegion();
                            }
                        }
                    }
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Fact]
        public Task Fixes_top_level_if_bodies() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            if ({|MEM011:GC.TryStartNoGCRegion(1000)|})
            {
                Console.WriteLine("no collections now");
                GC.EndNoGCRegion();
            }
            """, """
            using System;
            using System.Runtime;

            if (GC.TryStartNoGCRegion(1000))
            {
                try
                {
                    Console.WriteLine("no collections now");
                    GC.EndNoGCRegion();
                }
                finally
                {
                    if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                    {
                        GC.EndNoGCRegion();
                    }
                }
            }
            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);
    }
}
