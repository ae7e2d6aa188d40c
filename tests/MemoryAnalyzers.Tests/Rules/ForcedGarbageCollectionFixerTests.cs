using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ForcedGarbageCollectionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ForcedGarbageCollectionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class ForcedGarbageCollectionFixerTests
    {
        [Fact]
        public Task Removes_the_collection_and_keeps_comments() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Cache
            {
                private byte[] _data = new byte[10];

                void Clear()
                {
                    _data = null;
                    // Give the memory back.
                    {|MEM010:GC.Collect()|};
                    Console.WriteLine("cleared");
                }
            }
            """, """
            using System;

            class Cache
            {
                private byte[] _data = new byte[10];

                void Clear()
                {
                    _data = null;
                    // Give the memory back.
                    Console.WriteLine("cleared");
                }
            }
            """);

        [Fact]
        public Task Removes_the_usual_companions_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Cache
            {
                void Clear()
                {
                    Console.WriteLine("before");
                    {|MEM010:GC.Collect()|};
                    GC.WaitForPendingFinalizers();
                    {|MEM010:GC.Collect()|}; // and once more for the finalized objects
                    Console.WriteLine("after");
                }

                void Other(bool flag)
                {
                    if (flag)
                    {
                        {|MEM010:GC.Collect(2, GCCollectionMode.Forced)|};
                    }
                }
            }
            """, """
            using System;

            class Cache
            {
                void Clear()
                {
                    Console.WriteLine("before");
                    // and once more for the finalized objects
                    Console.WriteLine("after");
                }

                void Other(bool flag)
                {
                    if (flag)
                    {
                    }
                }
            }
            """);

        [Fact]
        public Task Keeps_a_wait_that_does_not_follow_a_collection() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Cache
            {
                void Clear()
                {
                    GC.WaitForPendingFinalizers();
                    {|MEM010:GC.Collect()|};
                    Console.WriteLine();
                }
            }
            """, """
            using System;

            class Cache
            {
                void Clear()
                {
                    GC.WaitForPendingFinalizers();
                    Console.WriteLine();
                }
            }
            """);

        [Fact]
        public Task Keeps_an_optimized_collection_after_the_wait() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Cache
            {
                void Clear()
                {
                    {|MEM010:GC.Collect()|};
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Optimized);
                }
            }
            """, """
            using System;

            class Cache
            {
                void Clear()
                {
                    GC.Collect(2, GCCollectionMode.Optimized);
                }
            }
            """);

        [Fact]
        public Task Removes_statements_that_share_a_line() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Cache
            {
                void Clear()
                {
                    Console.WriteLine("before"); {|MEM010:GC.Collect()|}; GC.WaitForPendingFinalizers(); {|MEM010:GC.Collect()|};
                    Console.WriteLine("after");
                }
            }
            """, """
            using System;

            class Cache
            {
                void Clear()
                {
                    Console.WriteLine("before");
                    Console.WriteLine("after");
                }
            }
            """);

        [Theory]
        [InlineData("if (flag) {|MEM010:GC.Collect()|};")]
        [InlineData("System.Action a = () => {|MEM010:GC.Collect()|}; a();")]
        [InlineData("var total = GC.CollectionCount(0); if (flag) total++; else {|MEM010:GC.Collect()|};")]
        [InlineData("label: {|MEM010:GC.Collect()|}; if (flag) goto label;")]
        public Task Not_offered_when_the_call_is_not_a_statement_of_a_block(string body)
            => VerifyCS.VerifyNoCodeFixAsync($$"""
                using System;

                class Cache
                {
                    void Clear(bool flag)
                    {
                        {{body}}
                    }
                }
                """);

        [Fact]
        public Task Removes_a_top_level_statement() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            Console.WriteLine("start");
            {|MEM010:GC.Collect()|};
            Console.WriteLine("end");
            """, """
            using System;

            Console.WriteLine("start");
            Console.WriteLine("end");
            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);

        [Fact]
        public Task Removes_in_a_local_function_and_in_old_language_versions() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class Cache
            {
                void Clear()
                {
                    Flush();

                    void Flush()
                    {
                        Console.WriteLine("flush"); {|MEM010:GC.Collect()|};
                        Console.WriteLine("done");
                    }
                }
            }
            """, """
            using System;

            class Cache
            {
                void Clear()
                {
                    Flush();

                    void Flush()
                    {
                        Console.WriteLine("flush");
                        Console.WriteLine("done");
                    }
                }
            }
            """, LanguageVersion.CSharp7_3);
    }
}
