using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM015 on the real runtime: the subscriber is created, used and disposed in a frame that is not inlined, then
    /// dropped; after full blocking collections a <see cref="System.WeakReference"/> says whether the static event
    /// still keeps it. The original code must keep it alive; the fixed code, after <c>Dispose()</c>, must let it go,
    /// and the handler must still run while the subscriber is alive.
    /// </summary>
    public sealed class StaticEventSubscriptionRuntimeTests
    {
        private const string Harness = """

            public static class Bus
            {
                public static event System.EventHandler Changed;

                public static void Raise() => Changed?.Invoke(null, System.EventArgs.Empty);
            }

            public static class Scenario
            {
                [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
                private static System.WeakReference Start(out int seen)
                {
                    var subscriber = new Subscriber();
                    Bus.Raise();
                    Bus.Raise();
                    seen = subscriber.Seen;
                    subscriber.Dispose();
                    return new System.WeakReference(subscriber);
                }

                public static string Run()
                {
                    var weak = Start(out var seen);
                    for (var i = 0; i < 3; i++)
                    {
                        System.GC.Collect(2, System.GCCollectionMode.Forced, blocking: true);
                        System.GC.WaitForPendingFinalizers();
                    }

                    return "seen " + seen + ", alive " + weak.IsAlive;
                }
            }
            """;

        public static TheoryData<string> Subscribers => new()
        {
            """
            using System;

            public sealed class Subscriber : IDisposable
            {
                private readonly byte[] _rows = new byte[1 << 16];

                public int Seen { get; private set; }

                public Subscriber()
                {
                    Bus.Changed += (s, e) => Seen += _rows.Length > 0 ? 1 : 0;
                }

                public void Dispose()
                {
                }
            }
            """,
            """
            using System;

            public sealed class Subscriber : IDisposable
            {
                private readonly byte[] _rows = new byte[1 << 16];

                public int Seen { get; private set; }

                public Subscriber() => Bus.Changed += OnChanged;

                public void Dispose() => Array.Clear(_rows, 0, _rows.Length);

                private void OnChanged(object sender, EventArgs e) => Seen++;
            }
            """,
        };

        [Theory]
        [MemberData(nameof(Subscribers))]
        public async Task The_static_event_keeps_the_subscriber_until_the_fix_unsubscribes_it(string subscriber)
        {
            var original = subscriber + Harness;
            var fixedCode = await RuntimeScenario.ApplyFixAsync(original, new StaticEventSubscriptionAnalyzer(), new StaticEventSubscriptionFixer());

            Assert.Equal("seen 2, alive True", RuntimeScenario.LoadRun(original, "Scenario").Invoke(null, null));
            Assert.Equal("seen 2, alive False", RuntimeScenario.LoadRun(fixedCode, "Scenario").Invoke(null, null));
            Assert.Empty(await RuntimeScenario.DiagnosticsAsync(fixedCode, new StaticEventSubscriptionAnalyzer()));
        }
    }
}
