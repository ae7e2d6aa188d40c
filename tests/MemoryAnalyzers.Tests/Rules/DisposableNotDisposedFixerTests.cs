using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.DisposableNotDisposedAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.DisposableNotDisposedFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class DisposableNotDisposedFixerTests
    {
        private static string InClass(string members) => $$"""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Resource : IDisposable
            {
                public void Use() { }
                public void Dispose() { }
            }

            class AsyncResource : IAsyncDisposable
            {
                public ValueTask DisposeAsync() => default;
            }

            class C
            {
            {{members}}
            }
            """;

        [Fact]
        public Task Declares_a_never_disposed_local_with_using() => VerifyCS.VerifyCodeFixAsync(InClass("""
                int M(string path)
                {
                    // Open the file.
                    var {|MEM004:s|} = File.OpenRead(path);
                    return s.ReadByte();
                }
            """), InClass("""
                int M(string path)
                {
                    // Open the file.
                    using var s = File.OpenRead(path);
                    return s.ReadByte();
                }
            """));

        [Fact]
        public Task Removes_the_trailing_dispose_call() => VerifyCS.VerifyCodeFixAsync(InClass("""
                void M()
                {
                    Resource {|MEM004:r|} = new Resource();
                    r.Use();
                    r.Dispose();
                }
            """), InClass("""
                void M()
                {
                    using Resource r = new Resource();
                    r.Use();
                }
            """));

        [Theory]
        [InlineData("r?.Dispose();")]
        [InlineData("r.Close();")]
        public Task Removes_a_trailing_conditional_dispose_or_close(string call) => VerifyCS.VerifyCodeFixAsync(
            InClass($$"""
                class Closable : IDisposable { public void Use() { } public void Close() { } public void Dispose() { } }

                void M()
                {
                    var {|MEM004:r|} = new Closable();
                    r.Use();
                    {{call}}
                }
            """),
            InClass("""
                class Closable : IDisposable { public void Use() { } public void Close() { } public void Dispose() { } }

                void M()
                {
                    using var r = new Closable();
                    r.Use();
                }
            """));

        [Fact]
        public Task Ends_a_using_block_where_a_dispose_call_in_the_middle_was() => VerifyCS.VerifyCodeFixAsync(InClass("""
                string M(string path)
                {
                    var {|MEM004:writer|} = new StreamWriter(path);
                    writer.Write("x");
                    if (path.Length > 3)
                    {
                        writer.Write("y");
                    }
                    writer.Dispose();
                    return File.ReadAllText(path);
                }
            """), InClass("""
                string M(string path)
                {
                    using (var writer = new StreamWriter(path))
                    {
                        writer.Write("x");
                        if (path.Length > 3)
                        {
                            writer.Write("y");
                        }
                    }
                    return File.ReadAllText(path);
                }
            """));

        [Fact]
        public Task Uses_await_using_for_an_async_disposable_in_an_async_method() => VerifyCS.VerifyCodeFixAsync(InClass("""
                async Task M()
                {
                    var {|MEM004:r|} = new AsyncResource();
                    await Task.Delay(1);
                    await r.DisposeAsync();
                }

                async Task N(string path)
                {
                    var {|MEM004:s|} = File.OpenRead(path);
                    await s.ReadAsync(new byte[1]);
                }
            """), InClass("""
                async Task M()
                {
                    await using var r = new AsyncResource();
                    await Task.Delay(1);
                }

                async Task N(string path)
                {
                    await using var s = File.OpenRead(path);
                    await s.ReadAsync(new byte[1]);
                }
            """));

        [Fact]
        public Task Writes_a_using_block_before_csharp_8() => VerifyCS.VerifyCodeFixAsync(InClass("""
                int M(string path)
                {
                    var {|MEM004:s|} = File.OpenRead(path);
                    var first = s.ReadByte();
                    return first;
                }
            """), InClass("""
                int M(string path)
                {
                    using (var s = File.OpenRead(path))
                    {
                        var first = s.ReadByte();
                        return first;
                    }
                }
            """), LanguageVersion.CSharp7_3);

        [Fact]
        public Task Fixes_top_level_statements() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            var {|MEM004:s|} = File.OpenRead(args[0]);
            System.Console.WriteLine(s.ReadByte());
            s.Dispose();

            """, """
            using System.IO;

            using var s = File.OpenRead(args[0]);
            System.Console.WriteLine(s.ReadByte());

            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);

        [Fact]
        public Task Fix_all_declares_every_local_with_using() => VerifyCS.VerifyCodeFixAsync(InClass("""
                void M(string path)
                {
                    var {|MEM004:a|} = File.OpenRead(path);
                    var {|MEM004:b|} = new Resource();
                    a.ReadByte();
                    b.Use();
                    Action f = static () =>
                    {
                        var {|MEM004:c|} = new Resource();
                        c.Use();
                    };
                    f();
                }
            """), InClass("""
                void M(string path)
                {
                    using var a = File.OpenRead(path);
                    using var b = new Resource();
                    a.ReadByte();
                    b.Use();
                    Action f = static () =>
                    {
                        using var c = new Resource();
                        c.Use();
                    };
                    f();
                }
            """));

        [Theory]
        // The Dispose call is conditional: moving it to the end of the block would change when it runs.
        [InlineData("var {|MEM004:r|} = new Resource(); if (flag) { r.Dispose(); }")]
        // Two Dispose calls.
        [InlineData("var {|MEM004:r|} = new Resource(); if (flag) { r.Dispose(); return; } r.Dispose(); Other();")]
        // A Dispose call that the fixer does not see as a statement of its own.
        [InlineData("var {|MEM004:r|} = new Resource(); r.Use(); ((IDisposable)r).Dispose();")]
        // Two variables in one declaration.
        [InlineData("Resource {|MEM004:r|} = new Resource(), {|MEM004:q|} = new Resource();")]
        // IAsyncDisposable only, outside an async method.
        [InlineData("var {|MEM004:r|} = new AsyncResource();")]
        // A goto may not jump backwards over a using declaration.
        [InlineData("again: flag = !flag; var {|MEM004:r|} = new Resource(); r.Use(); if (flag) { goto again; }")]
        // A switch section cannot hold a using declaration.
        [InlineData("switch (flag) { case true: var {|MEM004:r|} = new Resource(); r.Use(); break; }")]
        public Task Offers_no_fix_when_the_rewrite_could_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync(InClass($$"""
                void Other() { }

                void M(bool flag)
                {
                    {{body}}
                }
            """));

        [Fact]
        public Task Offers_no_fix_when_disposing_at_the_end_would_cut_work_short() => VerifyCS.VerifyNoCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                static Task Work(CancellationToken token) => Task.Delay(1000, token);

                // Not async: the returned task still uses the source after the method returns.
                Task Start()
                {
                    var {|MEM004:cts|} = new CancellationTokenSource();
                    cts.CancelAfter(100);
                    return Work(cts.Token);
                }

                // A timer works after the method returns: disposing it at the end would stop it.
                void Tick()
                {
                    var {|MEM004:timer|} = new Timer(_ => Console.WriteLine(1), null, 0, 1000);
                    timer.Change(0, 500);
                }

                void Watch(string path)
                {
                    var {|MEM004:watcher|} = new FileSystemWatcher(path);
                    watcher.EnableRaisingEvents = true;
                }
            }
            """);

        [Fact]
        public Task Offers_no_using_block_when_a_local_declared_before_the_dispose_call_is_used_after_it() => VerifyCS.VerifyCodeFixAsync(InClass("""
                int M(string path)
                {
                    var {|MEM004:s|} = File.OpenRead(path);
                    var first = s.ReadByte();
                    s.Dispose();
                    return first;
                }
            """), InClass("""
                int M(string path)
                {
                    var {|MEM004:s|} = File.OpenRead(path);
                    var first = s.ReadByte();
                    s.Dispose();
                    return first;
                }
            """));
    }
}
