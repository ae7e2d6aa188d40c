using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM004 on the real runtime: each scenario is compiled in-process and run on a temporary file, then the file is
    /// opened exclusively (or, for a wait handle, its SafeWaitHandle is looked at). A reported leak leaves the file handle open after the method returns (the exclusive open
    /// fails until a finalizer runs); after the code fix the handle is closed when the method returns.
    /// </summary>
    public sealed class DisposableNotDisposedRuntimeTests
    {
        public static readonly Dictionary<string, string> Fixable = new()
        {
            ["Used once as an operand and dropped"] = """
                using System.IO;

                public static class Scenario
                {
                    public static object Run(string path)
                    {
                        var size = File.OpenRead(path).Length;
                        return size;
                    }
                }
                """,
            ["A local never disposed"] = """
                using System.IO;

                public static class Scenario
                {
                    public static object Run(string path)
                    {
                        var reader = new StreamReader(path);
                        return reader.ReadLine();
                    }
                }
                """,
            ["A probe passed to a predicate that does not keep it"] = """
                using System.IO;

                public static class Scenario
                {
                    static bool IsEmpty(Stream probe) => probe.Length == 0;

                    public static object Run(string path)
                    {
                        var probe = File.OpenRead(path);
                        if (IsEmpty(probe))
                        {
                            return 0;
                        }

                        return 1;
                    }
                }
                """,
        };

        public static IEnumerable<object[]> FixableNames => Fixable.Keys.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(FixableNames))]
        public async Task A_reported_leak_keeps_the_file_open_and_the_fix_closes_it(string name)
        {
            var source = Fixable[name];
            Assert.True(LeavesTheFileOpen(source), "the reported code should leave the file handle open after the method returns");

            var fixedSource = await ApplyFixAsync(source);
            Assert.Contains("using var", fixedSource);
            Assert.Empty(await DiagnosticsAsync(fixedSource));
            Assert.False(LeavesTheFileOpen(fixedSource), "the fixed code should close the file before it returns");
        }

        /// <summary>Closed on the fall-through path, but an early return skips the Close: reported, and the handle leaks on that path only.</summary>
        [Fact]
        public async Task An_early_return_that_skips_the_close_leaks_the_handle()
        {
            const string Source = """
                using System.IO;

                public static class Scenario
                {
                    public static object Run(string path)
                    {
                        var s = File.OpenRead(path);
                        var first = s.ReadByte();
                        if (first == 'x')
                        {
                            return -1;
                        }

                        s.Close();
                        return first;
                    }
                }
                """;

            var diagnostic = Assert.Single(await DiagnosticsAsync(Source));
            Assert.Contains("on the path through line 11", diagnostic.GetMessage());
            Assert.True(LeavesTheFileOpen(Source, content: "x"));
            Assert.False(LeavesTheFileOpen(Source, content: "y"));
        }

        /// <summary>
        /// A wait handle signalled by a callback that runs before the method's untimed wait returns: reported with a fix.
        /// The original leaves the handle open when the method returns; the fixed code closes it. The handle is a
        /// project subclass of EventWaitHandle that remembers its last instance, so the test can look at it afterwards
        /// without the method handing it to anything.
        /// </summary>
        [Fact]
        public async Task A_wait_handle_signalled_by_a_synchronous_callback_stays_open_and_the_fix_closes_it()
        {
            const string Source = """
                using System;
                using System.Threading;

                public sealed class Signal : EventWaitHandle
                {
                    public static Signal Last;

                    public Signal() : base(false, EventResetMode.ManualReset) => Last = this;
                }

                public static class Scenario
                {
                    static void StartWork(Action<Exception> callback) => callback(null);

                    public static object Run(string unused)
                    {
                        Exception failure = null;
                        var done = new Signal();
                        StartWork(error => { failure = error; done.Set(); });
                        done.WaitOne();
                        return failure == null;
                    }
                }
                """;

            Assert.Single(await DiagnosticsAsync(Source));
            Assert.False(HandleIsClosedAfterRun(Source), "the reported code should leave the wait handle open after the method returns");

            var fixedSource = await ApplyFixAsync(Source);
            Assert.Contains("using var done", fixedSource);
            Assert.Empty(await DiagnosticsAsync(fixedSource));
            Assert.True(HandleIsClosedAfterRun(fixedSource), "the fixed code should close the wait handle before it returns");
        }

        /// <summary>Runs the scenario, then looks at the handle it created (kept alive by the static field, so no finalizer closes it).</summary>
        private static bool HandleIsClosedAfterRun(string source)
        {
            var run = Load(source);
            Assert.Equal(true, run.Invoke(null, new object[] { "" }));
            var signal = (System.Threading.WaitHandle)run.DeclaringType!.Assembly.GetType("Signal")!.GetField("Last")!.GetValue(null)!;
            return signal.SafeWaitHandle.IsClosed;
        }

        /// <summary>
        /// Runs the scenario and tries an exclusive open right after it returns. A collection between the two would let the
        /// finalizer close a leaked handle, so a leak counts as seen if any of a few attempts sees it; the finalizer then
        /// closes it before the next attempt. A closed handle is closed on every attempt.
        /// </summary>
        private static bool LeavesTheFileOpen(string source, string content = "line")
        {
            var run = Load(source);
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, content);
                var seen = false;
                for (var attempt = 0; attempt < 5 && !seen; attempt++)
                {
                    run.Invoke(null, new object[] { path });
                    seen = !CanOpenExclusively(path);
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }

                return seen;
            }
            finally
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                File.Delete(path);
            }
        }

        private static bool CanOpenExclusively(string path)
        {
            try
            {
                using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static MethodInfo Load(string source) => RuntimeScenario.LoadRun(source, "Scenario");

        private static Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source)
            => RuntimeScenario.DiagnosticsAsync(source, new DisposableNotDisposedAnalyzer());

        private static Task<string> ApplyFixAsync(string source)
            => RuntimeScenario.ApplyFixAsync(source, new DisposableNotDisposedAnalyzer(), new DisposableNotDisposedFixer());
    }
}
