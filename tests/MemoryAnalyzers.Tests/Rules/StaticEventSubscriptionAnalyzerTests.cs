using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.StaticEventSubscriptionAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.StaticEventSubscriptionFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class StaticEventSubscriptionAnalyzerTests
    {
        private const string Publisher = """

            public static class Bus
            {
                public static event System.EventHandler Changed;
                public static readonly Hub Shared = new Hub();
                public static Hub Current { get; } = new Hub();
                public static void Raise() => Changed?.Invoke(null, System.EventArgs.Empty);
            }

            public sealed class Hub
            {
                public event System.EventHandler Changed;
                public void Raise() => Changed?.Invoke(this, System.EventArgs.Empty);
            }
            """;

        [Fact]
        public Task Reports_an_instance_method_subscribed_to_a_framework_static_event() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class ReportView
            {
                ReportView()
                {
                    {|#0:Console.CancelKeyPress += OnCancel|};
                }

                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
            }
            """, VerifyCS.Diagnostic("MEM015").WithLocation(0).WithArguments("Console.CancelKeyPress", "ReportView"));

        [Fact]
        public Task Reports_every_long_lived_publisher() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Subscriber
            {
                private int _count;

                public void Start()
                {
                    {|MEM015:TaskScheduler.UnobservedTaskException += OnUnobserved|};
                    {|MEM015:AppDomain.CurrentDomain.ProcessExit += OnExit|};
                    {|MEM015:Bus.Changed += this.OnChanged|};
                    {|MEM015:Bus.Shared.Changed += OnChanged|};
                    {|MEM015:Bus.Current.Changed += OnChanged|};
                }

                void OnUnobserved(object sender, UnobservedTaskExceptionEventArgs e) => _count++;
                void OnExit(object sender, EventArgs e) => _count++;
                void OnChanged(object sender, EventArgs e) => _count++;
            }
            """ + Publisher);

        [Fact]
        public Task Reports_lambdas_that_capture_this_or_a_local() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber
            {
                private int _count;

                public Subscriber(string name)
                {
                    {|MEM015:Bus.Changed += (s, e) => _count++|};
                    {|#0:Bus.Changed += delegate { Console.WriteLine(name); }|};
                    var buffer = new byte[1024];
                    {|#1:Bus.Changed += (s, e) => Console.WriteLine(buffer.Length)|};
                }
            }
            """ + Publisher,
            VerifyCS.Diagnostic("MEM015").WithLocation(0).WithArguments("Bus.Changed", "name"),
            VerifyCS.Diagnostic("MEM015").WithLocation(1).WithArguments("Bus.Changed", "buffer"));

        [Fact]
        public Task Reports_a_handler_stored_in_a_field_that_is_never_removed() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber
            {
                private readonly EventHandler _onChanged;
                private EventHandler _onExit;
                private int _count;

                public Subscriber()
                {
                    _onChanged = (s, e) => _count++;
                    {|#0:Bus.Changed += _onChanged|};
                }

                public void Start(string name)
                {
                    _onExit = (s, e) => Console.WriteLine(name);
                    {|#1:AppDomain.CurrentDomain.ProcessExit += this._onExit|};
                }
            }
            """ + Publisher,
            VerifyCS.Diagnostic("MEM015").WithLocation(0).WithArguments("Bus.Changed", "Subscriber"),
            VerifyCS.Diagnostic("MEM015").WithLocation(1).WithArguments("AppDomain.CurrentDomain", "name"));

        [Fact]
        public Task Reports_a_subscription_removed_with_another_method() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber : IDisposable
            {
                public Subscriber() => {|MEM015:Bus.Changed += OnChanged|};

                public void Dispose() => Bus.Changed -= OnOther;

                void OnChanged(object sender, EventArgs e) { }
                void OnOther(object sender, EventArgs e) { }
            }
            """ + Publisher);

        [Fact]
        public Task Silent_when_the_type_unsubscribes_anywhere_in_any_part() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            partial class Subscriber : IDisposable
            {
                private readonly EventHandler _handler;

                public Subscriber()
                {
                    Bus.Changed += OnChanged;
                    _handler = (s, e) => Console.WriteLine(this);
                    Bus.Changed += _handler;
                    AppDomain.CurrentDomain.ProcessExit += OnExit;
                }

                void OnChanged(object sender, EventArgs e) { }
                void OnExit(object sender, EventArgs e) { }
                public void Dispose() => Bus.Changed -= OnChanged;
            }

            partial class Subscriber
            {
                void Stop()
                {
                    Bus.Changed -= _handler;
                    AppDomain.CurrentDomain.ProcessExit -= OnExit;
                }
            }
            """ + Publisher);

        [Fact]
        public Task Silent_for_static_handlers_and_lambdas_that_capture_nothing() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber
            {
                public Subscriber()
                {
                    Bus.Changed += OnChangedStatic;
                    Bus.Changed += (s, e) => Console.WriteLine("changed");
                    Bus.Changed += static (s, e) => Console.WriteLine(e);
                    Console.CancelKeyPress += Other.Handle;
                }

                static void OnChangedStatic(object sender, EventArgs e) { }
            }

            static class Other
            {
                public static void Handle(object sender, ConsoleCancelEventArgs e) { }
            }
            """ + Publisher);

        [Fact]
        public Task Silent_in_static_constructors_static_members_and_top_level_code() => VerifyCS.VerifyProgramAsync("""
            using System;

            var local = 1;
            Bus.Changed += (s, e) => Console.WriteLine(local);

            class Subscriber
            {
                static int s_count;

                static Subscriber()
                {
                    Bus.Changed += (s, e) => s_count++;
                }

                public static void Start(string name)
                {
                    Bus.Changed += (s, e) => Console.WriteLine(name);
                }
            }
            """ + Publisher);

        [Fact]
        public Task Silent_for_publishers_of_unknown_lifetime() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber
            {
                private readonly Hub _hub;
                private int _count;

                public Subscriber(Hub hub, IServiceProvider services)
                {
                    _hub = hub;
                    hub.Changed += OnChanged;
                    _hub.Changed += OnChanged;
                    var local = new Hub();
                    local.Changed += (s, e) => _count++;
                    Changed += OnChanged;
                }

                public event EventHandler Changed;

                void OnChanged(object sender, EventArgs e) => _count++;
            }
            """ + Publisher);

        [Fact]
        public Task Silent_for_handlers_whose_target_is_not_this() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber
            {
                private readonly Logger _logger = new Logger();
                private readonly EventHandler _stored;

                public Subscriber(EventHandler handler)
                {
                    Bus.Changed += _logger.OnChanged;
                    Bus.Changed += handler;
                    Bus.Changed += _stored;
                }
            }

            class Logger
            {
                public void OnChanged(object sender, EventArgs e) { }
            }
            """ + Publisher);

        [Fact]
        public Task Reports_in_records_structs_and_primary_constructors() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            record Watcher(string Name)
            {
                public void Start() => {|MEM015:Bus.Changed += (s, e) => Console.WriteLine(Name)|};
            }

            class Primary(int limit)
            {
                public void Start() => {|MEM015:Bus.Changed += (s, e) => Console.WriteLine(limit)|};
            }

            struct Counter
            {
                private int _count;
                public void Start() => {|MEM015:Bus.Changed += OnChanged|};
                void OnChanged(object sender, EventArgs e) => _count++;
            }

            class Local
            {
                private int _count;

                public void Start()
                {
                    Subscribe();

                    void Subscribe() => {|MEM015:Bus.Changed += (s, e) => { if (e is { } args) _count++; }|};
                }
            }
            """ + Publisher, LanguageVersion.Preview);

        [Fact]
        public Task Reports_in_old_language_versions() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Subscriber
            {
                public Subscriber()
                {
                    {|MEM015:Console.CancelKeyPress += new ConsoleCancelEventHandler(OnCancel)|};
                }

                void OnCancel(object sender, ConsoleCancelEventArgs e) { }
            }
            """, LanguageVersion.CSharp7_3);
    }
}
