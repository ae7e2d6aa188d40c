using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ClosureCapturesLargeObjectAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ClosureCapturesLargeObjectFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class ClosureCapturesLargeObjectAnalyzerTests
    {
        private static string InClass(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private Func<int> _f = () => 0;
                private Func<object> _o = () => 0;
                private Func<string> _s = () => "";
                private Action _a = () => { };
                public Func<int> Property { get; set; } = () => 0;
                private readonly Func<int>[] _handlers = new Func<int>[4];
                private readonly List<Func<int>> _list = new List<Func<int>>();
                public event EventHandler Changed = delegate { };

                void M(byte[] data, string text, List<string> items, int[] numbers, Stream stream, IReadOnlyCollection<int> readOnly, int i, CancellationToken token)
                {
                    {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("_f = () => {|MEM002:data[0]|};")]
        [InlineData("_f = () => {|MEM002:data.Length|};")]
        [InlineData("_f = () => {|MEM002:data[^1]|};")]
        [InlineData("_f = () => {|MEM002:data[i]|};")]
        [InlineData("_f = () => {|MEM002:items.Count|};")]
        [InlineData("_f = () => {|MEM002:items.Count()|};")]
        [InlineData("_f = () => {|MEM002:items[0]|}.Length;")]
        [InlineData("_f = () => {|MEM002:items[^1]|}.Length;")]
        [InlineData("_f = () => {|MEM002:items.First()|}.Length;")]
        [InlineData("_f = () => {|MEM002:items.Last()|}.Length;")]
        [InlineData("_f = () => {|MEM002:data.Length|} + {|MEM002:items.Count|};")]
        [InlineData("_f = () => {|MEM002:data[0]|} + data[1];")]
        [InlineData("_f = delegate { return {|MEM002:data.Length|}; };")]
        [InlineData("_f = () => { var n = {|MEM002:data.Length|}; return n * 2; };")]
        public Task Reports_small_projections_in_a_returned_or_stored_delegate(string body)
            => VerifyCS.VerifyAnalyzerAsync(InClass(body));

        [Theory]
        [InlineData("_f = () => {|MEM002:text.Length|};")]
        [InlineData("_f = () => {|MEM002:text[0]|};")]
        [InlineData("_f = () => {|MEM002:numbers.Length|};")]
        [InlineData("_f = () => (int){|MEM002:stream.Length|};")]
        [InlineData("_f = () => {|MEM002:readOnly.Count|};")]
        [InlineData("_s = () => {|MEM002:items[0]|};")]
        public Task Reports_every_large_type(string body) => VerifyCS.VerifyAnalyzerAsync(InClass(body));

        [Theory]
        [InlineData("Property = () => {|MEM002:data.Length|};")]
        [InlineData("_handlers[0] = () => {|MEM002:data.Length|};")]
        [InlineData("_list.Add(() => {|MEM002:data.Length|});")]
        [InlineData("Changed += (s, e) => Console.WriteLine({|MEM002:data.Length|});")]
        [InlineData("_a += () => Console.WriteLine({|MEM002:data.Length|});")]
        [InlineData("Task.Run(() => Console.WriteLine({|MEM002:data.Length|}));")]
        [InlineData("Task.Run(() => {|MEM002:data.Length|});")]
        [InlineData("Task.Factory.StartNew(() => Console.WriteLine({|MEM002:data.Length|}));")]
        [InlineData("Task.Delay(1).ContinueWith(t => Console.WriteLine({|MEM002:data.Length|}));")]
        [InlineData("new Thread(() => Console.WriteLine({|MEM002:data.Length|})).Start();")]
        [InlineData("var timer = new Timer(_ => Console.WriteLine({|MEM002:data.Length|}), null, 0, 1000);")]
        [InlineData("ThreadPool.QueueUserWorkItem(_ => Console.WriteLine({|MEM002:data.Length|}));")]
        [InlineData("token.Register(() => Console.WriteLine({|MEM002:data.Length|}));")]
        [InlineData("var lazy = new Lazy<int>(() => {|MEM002:data.Length|});")]
        [InlineData("_f = i > 0 ? () => {|MEM002:data.Length|} : () => 0;")]
        [InlineData("_f = new Func<int>(() => {|MEM002:data.Length|});")]
        [InlineData("_f = (Func<int>)(() => {|MEM002:data.Length|});")]
        public Task Reports_every_escaping_form(string body) => VerifyCS.VerifyAnalyzerAsync(InClass(body));

        [Fact]
        public Task Reports_returned_delegates() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            class C
            {
                Func<int> Block(byte[] data) { return () => {|MEM002:data[0]|}; }
                Func<int> Expression(List<int> items) => () => {|MEM002:items.Count|};
                Func<int> Conditional(byte[] data, bool flag) => flag ? () => {|MEM002:data.Length|} : null;
                IEnumerable<Func<int>> Iterator(byte[] data) { yield return () => {|MEM002:data.Length|}; }
                Func<Func<int>> Nested(byte[] data) => () => () => {|MEM002:data.Length|};
            }
            """);

        [Fact]
        public Task Reports_out_and_ref_parameters_and_observable_subscriptions() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Observer : IObserver<int>
            {
                public Observer(Action<int> onNext) { }
                public void OnCompleted() { }
                public void OnError(Exception error) { }
                public void OnNext(int value) { }
            }

            static class ObservableExtensions
            {
                public static IDisposable Subscribe(this IObservable<int> source, Action<int> onNext) => source.Subscribe(new Observer(onNext));
            }

            class C
            {
                void Out(byte[] data, out Func<int> result) { result = () => {|MEM002:data.Length|}; }
                void Ref(byte[] data, ref Func<int> result) { result = () => {|MEM002:data.Length|}; }
                IDisposable Subscribe(byte[] data, IObservable<int> source) => source.Subscribe(x => Console.WriteLine(x + {|MEM002:data.Length|}));
            }
            """);

        [Fact]
        public Task Reports_local_functions_turned_into_delegates_and_names_the_part_in_the_message() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System;

            class C
            {
                Func<int> M(byte[] payload)
                {
                    int First() => {|#0:payload[0]|};
                    return First;
                }
            }
            """,
            VerifyCS.Diagnostic("MEM002").WithLocation(0).WithArguments("payload", "payload[0]", "array").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

        [Theory]
        [InlineData("_f = () => data.Sum(b => b);")]
        [InlineData("_f = () => data.Count(b => b > 0);")]
        [InlineData("_f = () => data[data.Length - 1];")]
        [InlineData("_f = () => { foreach (var b in data) { } return 0; };")]
        [InlineData("_f = () => Array.IndexOf(data, (byte)1);")]
        [InlineData("_f = () => { data[0] = 1; return data.Length; };")]
        [InlineData("_f = () => { data[0]++; return 0; };")]
        [InlineData("_o = () => data;")]
        [InlineData("_f = () => items.IndexOf(\"x\");")]
        [InlineData("_s = () => string.Join(\",\", items);")]
        [InlineData("_f = () => text.GetHashCode();")]
        [InlineData("_f = () => i + 1;")]
        [InlineData("_f = () => { var local = new byte[10]; return local.Length; };")]
        [InlineData("_f = () => stream.ReadByte();")]
        [InlineData("_s = () => items.ToString()!;")]
        [InlineData("Func<int, byte> at = k => data[k]; Console.WriteLine(at(0));")]
        public Task Silent_when_the_closure_needs_the_whole_object(string body) => VerifyCS.VerifyAnalyzerAsync(InClass(body));

        [Theory]
        [InlineData("var n = data.Select(b => data.Length).Count();")]
        [InlineData("items.ForEach(s => Console.WriteLine(data.Length));")]
        [InlineData("Array.Sort(numbers, (a, b) => data.Length);")]
        [InlineData("var f = () => data.Length; Console.WriteLine(f());")]
        [InlineData("Func<int> f = () => data.Length; Console.WriteLine(f());")]
        [InlineData("Console.WriteLine(new Func<int>(() => data.Length)());")]
        [InlineData("var list = new List<Func<int>>(); list.Add(() => data.Length);")]
        [InlineData("Parallel.For(0, 10, k => Console.WriteLine(data.Length));")]
        [InlineData("_f = static () => 0;")]
        [InlineData("async void Later() { await Task.Run(() => Console.WriteLine(data.Length)); } Later();")]
        [InlineData("async void Later() { await Task.Run(() => data.Length).ConfigureAwait(false); } Later();")]
        [InlineData("async void Later() { await Task.Factory.StartNew(() => data.Length); } Later();")]
        [InlineData("var local = new C(); local._f = () => data.Length; Console.WriteLine(local._f());")]
        [InlineData("var array = new Func<int>[1]; array[0] = () => data.Length;")]
        [InlineData("var holder = new C { Property = () => data.Length };")]
        [InlineData("var holder = new C(); holder._list.Add(() => data.Length);")]
        [InlineData("Changed -= (s, e) => Console.WriteLine(data.Length);")]
        [InlineData("_f = () => _handlers.Length;")]
        public Task Silent_when_the_delegate_does_not_outlive_the_method(string body) => VerifyCS.VerifyAnalyzerAsync(InClass(body));

        [Fact]
        public Task Silent_for_a_primary_constructor_parameter() => VerifyCS.VerifyAnalyzerAsync("""
            using System;

            class Holder(byte[] data)
            {
                public Func<int> Length() => () => data.Length;
                public Func<int> First => () => data[0];
            }
            """);

        [Fact]
        public async Task Silent_in_generated_code()
        {
            var test = new VerifyCS.Test(LanguageVersion.Preview);
            test.TestState.Sources.Add(("Generated.g.cs", """
                using System;

                class Generated
                {
                    Func<int> M(byte[] data) => () => data.Length;
                }
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_in_nested_lambdas_top_level_statements_and_records() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Threading.Tasks;

            var payload = new byte[1024];
            Func<Func<int>> outer = () => () => {|MEM002:payload.Length|};
            _ = Task.Run(() => Console.WriteLine({|MEM002:payload[0]|}));
            await Task.Run(() => Console.WriteLine(payload[0]));
            Console.WriteLine(outer()());

            record Message(string Body)
            {
                public Func<int> LengthGetter(int[] parts) => () => {|MEM002:parts.Length|};
            }
            """);

        [Fact]
        public Task Reports_in_old_language_versions() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;

            class C
            {
                private Func<int> _f;

                void M(List<int> items)
                {
                    _f = delegate { return {|MEM002:items.Count|}; };
                }
            }
            """,
            LanguageVersion.CSharp7_3);

        [Fact]
        public async Task Honours_the_large_types_and_keeping_methods_options()
        {
            var test = new VerifyCS.Test(LanguageVersion.Preview)
            {
                TestCode = """
                    using System;

                    class Image { public int Width; public byte[] Pixels = new byte[1]; }

                    static class Scheduler
                    {
                        public static void Later(Action action) { }
                    }

                    class C
                    {
                        private Func<int> _f = () => 0;

                        void M(Image image, byte[] data)
                        {
                            _f = () => {|MEM002:image.Width|};
                            Scheduler.Later(() => Console.WriteLine({|MEM002:data.Length|}));
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                memory_analyzers.MEM002.large_types = Image
                memory_analyzers.MEM002.keeping_methods = Scheduler.Later
                """));
            await test.RunAsync();
        }
    }
}
