using System.Collections.Immutable;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.LockNotReleasedInFinallyAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.LockNotReleasedInFinallyFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class LockNotReleasedInFinallyAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
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

                async Task M(object other, bool flag, CancellationToken token)
                {
                    {{body}}
                    await Task.Yield();
                }
            }
            """;

        [Theory]
        [InlineData("{|MEM005:Monitor.Enter(_gate)|}; _count++; Monitor.Exit(_gate);")]
        [InlineData("bool taken = false; {|MEM005:Monitor.Enter(_gate, ref taken)|}; Work(); if (taken) Monitor.Exit(_gate);")]
        [InlineData("bool taken = false; {|MEM005:Monitor.TryEnter(_gate, ref taken)|}; Work(); if (taken) Monitor.Exit(_gate);")]
        [InlineData("if ({|MEM005:Monitor.TryEnter(other)|}) { Work(); Monitor.Exit(other); }")]
        [InlineData("{|MEM005:Monitor.Enter(this)|}; Work(); Monitor.Exit(this);")]
        [InlineData("{|MEM005:_semaphore.Wait()|}; Work(); _semaphore.Release();")]
        [InlineData("await {|MEM005:_semaphore.WaitAsync()|}; Work(); _semaphore.Release();")]
        [InlineData("await {|MEM005:_semaphore.WaitAsync(token)|}; Work(); _semaphore.Release(1);")]
        [InlineData("if ({|MEM005:_semaphore.Wait(100)|}) { Work(); _semaphore.Release(); }")]
        [InlineData("{|MEM005:_rw.EnterReadLock()|}; Work(); _rw.ExitReadLock();")]
        [InlineData("{|MEM005:_rw.EnterWriteLock()|}; Work(); _rw.ExitWriteLock();")]
        [InlineData("{|MEM005:_rw.EnterUpgradeableReadLock()|}; Work(); _rw.ExitUpgradeableReadLock();")]
        [InlineData("if ({|MEM005:_rw.TryEnterWriteLock(10)|}) { Work(); _rw.ExitWriteLock(); }")]
        [InlineData("{|MEM005:Monitor.Enter(_gate)|}; try { Work(); } catch (InvalidOperationException) { } Monitor.Exit(_gate);")]
        [InlineData("{|MEM005:Monitor.Enter(_gate)|}; Work(); Monitor.Exit(_gate); {|MEM005:Monitor.Enter(_gate)|}; Work(); Monitor.Exit(_gate);")]
        // A catch of everything that rethrows, returns, or leaves the try by a return: the release after it can be skipped.
        [InlineData("{|MEM005:_semaphore.Wait()|}; try { Work(); } catch (Exception) { throw; } _semaphore.Release();")]
        [InlineData("{|MEM005:_semaphore.Wait()|}; try { Work(); } catch (Exception) { return; } _semaphore.Release();")]
        [InlineData("{|MEM005:_semaphore.Wait()|}; try { if (flag) return; Work(); } catch (Exception) { } _semaphore.Release();")]
        [InlineData("{|MEM005:_semaphore.Wait()|}; try { Work(); } catch (Exception e) when (e is TimeoutException) { } _semaphore.Release();")]
        public Task Reports_a_release_outside_a_finally(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Names_the_lock_and_both_calls() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("{|#0:_rw.EnterWriteLock()|}; Work(); _rw.ExitWriteLock();"),
            VerifyCS.Diagnostic("MEM005").WithLocation(0).WithArguments("_rw", "EnterWriteLock", "ExitWriteLock", LockNotReleasedInFinallyAnalyzer.BlockedThreadsCost));

        [Fact]
        public Task Says_no_thread_blocks_for_an_asynchronous_wait() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("await {|#0:_semaphore.WaitAsync()|}; Work(); _semaphore.Release();"),
            VerifyCS.Diagnostic("MEM005").WithLocation(0).WithArguments("_semaphore", "WaitAsync", "Release", LockNotReleasedInFinallyAnalyzer.AsyncWaitersCost));

        [Theory]
        [InlineData("lock (_gate) { Work(); }")]
        [InlineData("Monitor.Enter(_gate); try { Work(); } finally { Monitor.Exit(_gate); }")]
        [InlineData("bool taken = false; try { Monitor.Enter(_gate, ref taken); Work(); } finally { if (taken) Monitor.Exit(_gate); }")]
        [InlineData("await _semaphore.WaitAsync(); try { Work(); } finally { _semaphore.Release(); }")]
        [InlineData("if (await _semaphore.WaitAsync(0)) { try { Work(); } finally { _semaphore.Release(); } }")]
        [InlineData("_rw.EnterReadLock(); try { Work(); } finally { _rw.ExitReadLock(); }")]
        [InlineData("Monitor.Enter(_gate); try { Work(); } catch { Monitor.Exit(_gate); throw; } Monitor.Exit(_gate);")]
        // Every exception is swallowed, so the release right after the try runs on every path.
        [InlineData("_semaphore.Wait(); try { Work(); } catch (Exception e) { Console.WriteLine(e); } _semaphore.Release();")]
        [InlineData("Monitor.Enter(_gate); try { Work(); } catch { } Monitor.Exit(_gate);")]
        [InlineData("_rw.EnterWriteLock(); try { Work(); } catch (InvalidOperationException) { } catch (Exception) { } _rw.ExitWriteLock();")]
        // Acquired here and released by another method (a lock held across calls), or only released here.
        [InlineData("Monitor.Enter(_gate);")]
        [InlineData("_semaphore.Release();")]
        [InlineData("await _semaphore.WaitAsync();")]
        // Different modes and different locks do not pair up.
        [InlineData("_rw.EnterReadLock(); try { Work(); } finally { _rw.ExitReadLock(); } _rw.EnterWriteLock();")]
        [InlineData("Monitor.Enter(_gate); try { Work(); } finally { Monitor.Exit(_gate); } Monitor.Exit(other);")]
        // The release is in a lambda: another function, not paired.
        [InlineData("Monitor.Enter(_gate); Action release = () => Monitor.Exit(_gate); release();")]
        // Monitor.Wait and Pulse are not acquisitions.
        [InlineData("lock (_gate) { Monitor.Wait(_gate); Monitor.PulseAll(_gate); }")]
        // A lock expression that is not a stable variable.
        [InlineData("Monitor.Enter(typeof(C)); Work(); Monitor.Exit(typeof(C));")]
        public Task Stays_silent(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Reports_in_local_functions_lambdas_and_top_level_statements() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Threading;

            var gate = new object();
            var semaphore = new SemaphoreSlim(1);
            {|MEM005:Monitor.Enter(gate)|};
            Console.WriteLine(1);
            Monitor.Exit(gate);

            Action a = () =>
            {
                {|MEM005:semaphore.Wait()|};
                Console.WriteLine(2);
                semaphore.Release();
            };

            Func<SemaphoreSlim, int> f = static s =>
            {
                {|MEM005:s.Wait()|};
                var value = 4;
                s.Release();
                return value;
            };

            void Local()
            {
                {|MEM005:Monitor.Enter(gate)|};
                Console.WriteLine(3);
                Monitor.Exit(gate);
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.Preview)]
        public Task Reports_on_every_language_version(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;

            class Counter
            {
                private readonly object _gate = new object();
                private int _count;

                public void Increment()
                {
                    {|MEM005:Monitor.Enter(_gate)|};
                    _count++;
                    Monitor.Exit(_gate);
                }
            }
            """, version);

        [Fact]
        public Task Reports_with_primary_constructors() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;

            class Cache(SemaphoreSlim gate)
            {
                public int Read()
                {
                    {|MEM005:gate.Wait()|};
                    var value = 1;
                    gate.Release();
                    return value;
                }
            }
            """);

        [Fact]
        public async Task Stays_linear_on_a_huge_method()
        {
            const int Count = 10000;
            var body = new System.Text.StringBuilder();
            for (var i = 0; i < Count; i++)
            {
                body.Append("Monitor.Enter(gate); count++; Monitor.Exit(gate);\n");
            }

            var source = "using System.Threading;\nclass C\n{\n    int count;\n    void M(object gate)\n    {\n" + body + "    }\n}\n";
            var compileWatch = System.Diagnostics.Stopwatch.StartNew();
            var compilation = await Infrastructure.AnalyzerCatalog.CompileAsync(new[] { ("Huge.cs", source) });
            Assert.Empty(compilation.GetDiagnostics());
            compileWatch.Stop();

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LockNotReleasedInFinallyAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
            watch.Stop();

            Assert.Equal(Count, diagnostics.Length);
            Assert.True(watch.Elapsed < (compileWatch.Elapsed * 3) + System.TimeSpan.FromSeconds(10), $"analysis took {watch.Elapsed}, compiling {compileWatch.Elapsed}");
        }

        [Fact]
        public Task Does_not_throw_on_broken_code() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                void M()
                {
                    Monitor.Enter({|CS0103:missing|});
                    Monitor.Exit({|CS0103:missing|});
                    Monitor.{|CS1501:Enter|}();
                }
            }
            """);
    }
}
