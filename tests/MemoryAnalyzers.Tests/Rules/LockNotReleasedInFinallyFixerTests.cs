using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.LockNotReleasedInFinallyAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.LockNotReleasedInFinallyFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class LockNotReleasedInFinallyFixerTests
    {
        private static string InClass(string members) => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new object();
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);
                private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
                private int _count;

                void Work() { }

            {{members}}
            }
            """;

        [Fact]
        public Task Turns_monitor_enter_and_exit_into_a_lock_statement() => VerifyCS.VerifyCodeFixAsync(InClass("""
                int Increment()
                {
                    // Count under the lock.
                    {|MEM005:Monitor.Enter(_gate)|};
                    _count++;
                    Work(); // and work
                    Monitor.Exit(_gate);
                    return _count;
                }
            """), InClass("""
                int Increment()
                {
                    // Count under the lock.
                    lock (_gate)
                    {
                        _count++;
                        Work(); // and work
                    }
                    return _count;
                }
            """));

        [Fact]
        public Task Wraps_a_semaphore_in_try_finally() => VerifyCS.VerifyCodeFixAsync(InClass("""
                async Task Run()
                {
                    await {|MEM005:_semaphore.WaitAsync()|};
                    Work();
                    await Task.Delay(1);
                    _semaphore.Release();
                }

                async Task RunConfigured()
                {
                    await {|MEM005:_semaphore.WaitAsync()|}.ConfigureAwait(false);
                    Work();
                    _semaphore.Release();
                }

                void RunSync(CancellationToken token)
                {
                    {|MEM005:_semaphore.Wait(token)|};
                    Work();
                    _semaphore.Release();
                }
            """), InClass("""
                async Task Run()
                {
                    await _semaphore.WaitAsync();
                    try
                    {
                        Work();
                        await Task.Delay(1);
                    }
                    finally
                    {
                        _semaphore.Release();
                    }
                }

                async Task RunConfigured()
                {
                    await _semaphore.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _semaphore.Release();
                    }
                }

                void RunSync(CancellationToken token)
                {
                    _semaphore.Wait(token);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _semaphore.Release();
                    }
                }
            """));

        [Fact]
        public Task Wraps_a_reader_writer_lock_in_try_finally() => VerifyCS.VerifyCodeFixAsync(InClass("""
                int Read()
                {
                    {|MEM005:_rw.EnterReadLock()|};
                    var value = _count;
                    _rw.ExitReadLock();
                    return 0;
                }
            """), InClass("""
                int Read()
                {
                    _rw.EnterReadLock();
                    try
                    {
                        var value = _count;
                    }
                    finally
                    {
                        _rw.ExitReadLock();
                    }
                    return 0;
                }
            """));

        [Fact]
        public Task Fix_all_fixes_every_region() => VerifyCS.VerifyCodeFixAsync(InClass("""
                void Both()
                {
                    {|MEM005:Monitor.Enter(_gate)|};
                    _count++;
                    Monitor.Exit(_gate);
                    {|MEM005:_rw.EnterWriteLock()|};
                    _count--;
                    _rw.ExitWriteLock();
                }
            """), InClass("""
                void Both()
                {
                    lock (_gate)
                    {
                        _count++;
                    }
                    _rw.EnterWriteLock();
                    try
                    {
                        _count--;
                    }
                    finally
                    {
                        _rw.ExitWriteLock();
                    }
                }
            """));

        [Fact]
        public Task Keeps_working_on_a_System_Threading_Lock_object() => VerifyCS.VerifyCodeFixAsync("""
            namespace System.Threading
            {
                public sealed class Lock
                {
                    public Scope EnterScope() => default;

                    public ref struct Scope
                    {
                        public void Dispose() { }
                    }
                }
            }

            namespace App
            {
                using System.Threading;

                class C
                {
                    private readonly Lock _lock = new Lock();
                    private int _count;

                    void Increment()
                    {
                        {|MEM005:Monitor.Enter(_lock)|};
                        _count++;
                        Monitor.Exit(_lock);
                    }
                }
            }
            """, """
            namespace System.Threading
            {
                public sealed class Lock
                {
                    public Scope EnterScope() => default;

                    public ref struct Scope
                    {
                        public void Dispose() { }
                    }
                }
            }

            namespace App
            {
                using System.Threading;

                class C
                {
                    private readonly Lock _lock = new Lock();
                    private int _count;

                    void Increment()
                    {
                        lock (_lock)
                        {
                            _count++;
                        }
                    }
                }
            }
            """);

        [Theory]
        // The acquisition can fail: the rewrite would release a lock that was never taken.
        [InlineData("if ({|MEM005:_semaphore.Wait(100)|}) { Work(); _semaphore.Release(); }")]
        [InlineData("bool taken = false; {|MEM005:Monitor.Enter(_gate, ref taken)|}; Work(); if (taken) Monitor.Exit(_gate);")]
        // The release is conditional or nested.
        [InlineData("{|MEM005:Monitor.Enter(_gate)|}; Work(); if (_count > 0) { Monitor.Exit(_gate); }")]
        // A release in between (early exit): 'lock' would release twice.
        [InlineData("{|MEM005:Monitor.Enter(_gate)|}; if (_count > 0) { Monitor.Exit(_gate); return; } Work(); Monitor.Exit(_gate);")]
        // 'lock' cannot hold an await.
        [InlineData("{|MEM005:Monitor.Enter(_gate)|}; await Task.Yield(); Monitor.Exit(_gate);")]
        // A local declared between is used after the release.
        [InlineData("{|MEM005:_semaphore.Wait()|}; var value = _count; _semaphore.Release(); Console.WriteLine(value);")]
        public Task Offers_no_fix_when_the_rewrite_could_change_behaviour(string body) => VerifyCS.VerifyNoCodeFixAsync(InClass($$"""
                async Task M()
                {
                    {{body}}
                    await Task.Yield();
                }
            """));
    }
}
