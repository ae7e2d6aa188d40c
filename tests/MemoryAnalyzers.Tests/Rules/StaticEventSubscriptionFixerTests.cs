using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.StaticEventSubscriptionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.StaticEventSubscriptionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class StaticEventSubscriptionFixerTests
    {
        [Fact]
        public Task Removes_a_method_group_at_the_start_of_Dispose() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            sealed class ReportView : IDisposable
            {
                private readonly byte[] _rows = new byte[1024];

                public void Show()
                {
                    // Stop on Ctrl+C.
                    {|MEM015:Console.CancelKeyPress += OnCancel|};
                    {|MEM015:AppDomain.CurrentDomain.ProcessExit += this.OnExit|};
                }

                public void Dispose()
                {
                    Array.Clear(_rows, 0, _rows.Length);
                }

                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
                void OnExit(object sender, EventArgs e) { }
            }
            """, """
            using System;

            sealed class ReportView : IDisposable
            {
                private readonly byte[] _rows = new byte[1024];

                public void Show()
                {
                    // Stop on Ctrl+C.
                    Console.CancelKeyPress += OnCancel;
                    AppDomain.CurrentDomain.ProcessExit += this.OnExit;
                }

                public void Dispose()
                {
                    Console.CancelKeyPress -= OnCancel;
                    AppDomain.CurrentDomain.ProcessExit -= this.OnExit;
                    Array.Clear(_rows, 0, _rows.Length);
                }

                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
                void OnExit(object sender, EventArgs e) { }
            }
            """);

        [Fact]
        public Task Stores_constructor_lambdas_in_fresh_readonly_fields() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            public static class Bus
            {
                public static event EventHandler Changed;
            }

            sealed class Watcher : IDisposable
            {
                private readonly string _name;
                private int _changedHandler;

                public Watcher(string name)
                {
                    _name = name;
                    // Count the changes.
                    {|MEM015:Bus.Changed += (s, e) => _changedHandler++|}; // counted
                    {|MEM015:Bus.Changed += (s, e) => Console.WriteLine(name)|};
                }

                public void Dispose() => Console.WriteLine(_name);
            }
            """, """
            using System;

            public static class Bus
            {
                public static event EventHandler Changed;
            }

            sealed class Watcher : IDisposable
            {
                private readonly string _name;
                private int _changedHandler;
                private readonly EventHandler _changedHandler1;
                private readonly EventHandler _changedHandler2;

                public Watcher(string name)
                {
                    _name = name;
                    // Count the changes.
                    _changedHandler1 = (s, e) => _changedHandler++;
                    Bus.Changed += _changedHandler1; // counted
                    _changedHandler2 = (s, e) => Console.WriteLine(name);
                    Bus.Changed += _changedHandler2;
                }

                public void Dispose()
                {
                    Bus.Changed -= _changedHandler1;
                    Bus.Changed -= _changedHandler2;
                    Console.WriteLine(_name);
                }
            }
            """);

        [Fact]
        public Task Removes_a_handler_kept_in_a_readonly_field() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            sealed class Watcher : IDisposable
            {
                private readonly ConsoleCancelEventHandler _onCancel;
                private int _count;

                public Watcher()
                {
                    _onCancel = (s, e) => _count++;
                    {|MEM015:Console.CancelKeyPress += _onCancel|};
                }

                public void Dispose()
                {
                    _count = 0;
                }
            }
            """, """
            using System;

            sealed class Watcher : IDisposable
            {
                private readonly ConsoleCancelEventHandler _onCancel;
                private int _count;

                public Watcher()
                {
                    _onCancel = (s, e) => _count++;
                    Console.CancelKeyPress += _onCancel;
                }

                public void Dispose()
                {
                    Console.CancelKeyPress -= _onCancel;
                    _count = 0;
                }
            }
            """);

        [Fact]
        public Task Fix_all_covers_every_type_of_the_document() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            sealed class First : IDisposable
            {
                public First() => {|MEM015:Console.CancelKeyPress += OnCancel|};
                public void Dispose() { }
                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
            }

            sealed class Second : IDisposable
            {
                public Second() => {|MEM015:AppDomain.CurrentDomain.ProcessExit += OnExit|};
                void IDisposable.Dispose() { }
                void OnExit(object sender, EventArgs e) { }
            }
            """, """
            using System;

            sealed class First : IDisposable
            {
                public First() => Console.CancelKeyPress += OnCancel;
                public void Dispose()
                {
                    Console.CancelKeyPress -= OnCancel;
                }
                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
            }

            sealed class Second : IDisposable
            {
                public Second() => AppDomain.CurrentDomain.ProcessExit += OnExit;
                void IDisposable.Dispose()
                {
                    AppDomain.CurrentDomain.ProcessExit -= OnExit;
                }
                void OnExit(object sender, EventArgs e) { }
            }
            """);

        [Fact]
        public Task No_fix_without_an_own_Dispose_or_for_a_lambda_outside_a_constructor() => VerifyCS.VerifyNoCodeFixAsync("""
            using System;

            sealed class NotDisposable
            {
                public NotDisposable() => {|MEM015:Console.CancelKeyPress += OnCancel|};
                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
            }

            class Base : IDisposable
            {
                public void Dispose() { }
            }

            sealed class Derived : Base
            {
                public Derived() => {|MEM015:Console.CancelKeyPress += OnCancel|};
                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
            }

            sealed class LambdaInMethod : IDisposable
            {
                private int _count;
                public void Start() => {|MEM015:Console.CancelKeyPress += (s, e) => _count++|};
                public void Dispose() { }
            }

            sealed class WritableField : IDisposable
            {
                private ConsoleCancelEventHandler _onCancel;
                private int _count;

                public void Start()
                {
                    _onCancel = (s, e) => _count++;
                    {|MEM015:Console.CancelKeyPress += _onCancel|};
                }

                public void Dispose() { }
            }
            """);

        [Fact]
        public Task Works_in_old_language_versions() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            sealed class Old : IDisposable
            {
                private int _count;

                public Old()
                {
                    {|MEM015:Console.CancelKeyPress += delegate { _count++; }|};
                }

                public void Dispose()
                {
                }
            }
            """, """
            using System;

            sealed class Old : IDisposable
            {
                private int _count;
                private readonly ConsoleCancelEventHandler _cancelKeyPressHandler;

                public Old()
                {
                    _cancelKeyPressHandler = delegate { _count++; };
                    Console.CancelKeyPress += _cancelKeyPressHandler;
                }

                public void Dispose()
                {
                    Console.CancelKeyPress -= _cancelKeyPressHandler;
                }
            }
            """, LanguageVersion.CSharp7_3);
    }
}
