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
                private readonly FileStream _file = null;
                public void Dispose() => _file?.Dispose();
            }

            class AsyncResource : IAsyncDisposable
            {
                private readonly FileStream _file = null;
                public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? default;
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
                class Closable : IDisposable { private readonly FileStream _file = null; public void Use() { } public void Close() { } public void Dispose() => _file?.Dispose(); }

                void M()
                {
                    var {|MEM004:r|} = new Closable();
                    r.Use();
                    {{call}}
                }
            """),
            InClass("""
                class Closable : IDisposable { private readonly FileStream _file = null; public void Use() { } public void Close() { } public void Dispose() => _file?.Dispose(); }

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

        [Fact]
        public Task Introduces_a_using_local_for_an_object_used_once_and_dropped() => VerifyCS.VerifyCodeFixAsync(InClass("""
                long M(string path)
                {
                    // The size, from an open handle.
                    var size = {|MEM004:File.OpenRead(path)|}.Length;
                    if ({|MEM004:Console.OpenStandardInput(1)|} == Stream.Null)
                    {
                        return 0;
                    }

                    var fileStream = 1;
                    return {|MEM004:new StreamReader(path)|}.ReadToEnd().Length + size + fileStream;
                }
            """), InClass("""
                long M(string path)
                {
                    // The size, from an open handle.
                    using var fileStream1 = File.OpenRead(path);
                    var size = fileStream1.Length;
                    using var stream = Console.OpenStandardInput(1);
                    if (stream == Stream.Null)
                    {
                        return 0;
                    }

                    var fileStream = 1;
                    using var streamReader = new StreamReader(path);
                    return streamReader.ReadToEnd().Length + size + fileStream;
                }
            """));

        [Fact]
        public Task Declares_a_handle_signalled_by_a_callback_with_using_when_the_method_waits_for_it() => VerifyCS.VerifyCodeFixAsync(InClass("""
                void M(Action<Action> start)
                {
                    var {|MEM004:done|} = new System.Threading.ManualResetEvent(false);
                    start(() => done.Set());
                    done.WaitOne();
                }
            """), InClass("""
                void M(Action<Action> start)
                {
                    using var done = new System.Threading.ManualResetEvent(false);
                    start(() => done.Set());
                    done.WaitOne();
                }
            """));

        /// <summary>The callback may run after the method returns: 'using' would turn the leak into an ObjectDisposedException there.</summary>
        [Theory]
        [InlineData("start(() => done.Set()); done.WaitOne(TimeSpan.FromSeconds(1));")]
        [InlineData("start(() => done.Set());")]
        [InlineData("done.WaitOne(); start(() => done.Set());")]
        // A wrapper keeps it without disposing it, and may outlive the block.
        [InlineData("var keeper = new Keeper(done); start(() => keeper.Use());")]
        public Task Offers_no_fix_when_a_callback_may_use_the_object_after_the_method_returns(string body) => VerifyCS.VerifyNoCodeFixAsync(InClass($$"""
                sealed class Keeper { private readonly System.Threading.WaitHandle _handle; public Keeper(System.Threading.WaitHandle handle) { _handle = handle; } public void Use() => _handle.WaitOne(); }

                void M(Action<Action> start)
                {
                    var {|MEM004:done|} = new System.Threading.ManualResetEvent(false);
                    {{body}}
                }
            """));

        [Theory]
        // Not evaluated on every run of the statement, or not first.
        [InlineData("if (flag && {|MEM004:File.OpenRead(path)|}.Length > 0) { }")]
        [InlineData("var n = flag ? {|MEM004:File.OpenRead(path)|}.Length : 0;")]
        [InlineData("while ({|MEM004:File.OpenRead(path)|}.Length > 0) { }")]
        [InlineData("var n = Other2() + {|MEM004:File.OpenRead(path)|}.Length;")]
        [InlineData("Func<long> f = () => {|MEM004:File.OpenRead(path)|}.Length;")]
        // Not a statement of a block.
        [InlineData("if (flag) Console.WriteLine({|MEM004:File.OpenRead(path)|}.Length);")]
        public Task Offers_no_fix_for_an_object_used_once_when_moving_it_could_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync(InClass($$"""
                static int Other2() => 1;

                void M(string path, bool flag)
                {
                    {{body}}
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
                    var {|MEM004:cts|} = new CancellationTokenSource(100);
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
