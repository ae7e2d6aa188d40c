using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.DisposableNotDisposedAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.DisposableNotDisposedFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class DisposableNotDisposedAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Diagnostics;
            using System.IO;
            using System.IO.Compression;
            using System.Linq;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Resource : IDisposable
            {
                public int Size => 1;
                public Resource Child => this;
                public void Use() { }
                private readonly FileStream? _file = null;
                public void Dispose() => _file?.Dispose();
            }

            class AsyncResource : IAsyncDisposable
            {
                private readonly FileStream? _file = null;
                public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? default;
            }

            class C
            {
                private Resource? _field;
                private readonly List<Resource> _all = new();
                public Resource? Property { get; set; }

                void Consume(Resource r) { _field = r; }

                class Wrapper : IDisposable
                {
                    public Wrapper(IDisposable inner) { }
                    public void Dispose() { }
                }

                async Task M(string path, DbConnection connection, IEnumerable<int> numbers, bool flag)
                {
                    {{body}}
                    await Task.Yield();
                }
            }
            """;

        [Theory]
        [InlineData("var {|MEM004:r|} = new Resource(); r.Use();")]
        [InlineData("Resource {|MEM004:r|} = new Resource();")]
        [InlineData("IDisposable {|MEM004:r|} = new Resource();")]
        [InlineData("var {|MEM004:r|} = new AsyncResource();")]
        [InlineData("var {|MEM004:s|} = new FileStream(path, FileMode.Open); s.ReadByte();")]
        [InlineData("var {|MEM004:s|} = File.OpenRead(path); var n = s.Length;")]
        [InlineData("var {|MEM004:s|} = File.Create(path);")]
        [InlineData("var {|MEM004:w|} = File.CreateText(path); w.WriteLine(1);")]
        [InlineData("var {|MEM004:w|} = File.AppendText(path);")]
        [InlineData("var {|MEM004:t|} = File.OpenText(path); var line = t.ReadLine();")]
        [InlineData("var {|MEM004:s|} = new FileInfo(path).OpenRead();")]
        [InlineData("var {|MEM004:p|} = Process.Start(path); p.WaitForExit();")]
        [InlineData("var {|MEM004:command|} = connection.CreateCommand(); command.ExecuteNonQuery();")]
        [InlineData("var {|MEM004:e|} = numbers.GetEnumerator(); while (e.MoveNext()) { var x = e.Current; }")]
        [InlineData("var {|MEM004:client|} = new HttpClient(); var text = await client.GetStringAsync(path);")]
        [InlineData("var {|MEM004:r|} = new Resource(); if (r == null || r is { Size: 2 }) { } var s = $\"{r}\"; var n = nameof(r);")]
        [InlineData("var {|MEM004:r|} = new Resource(); r.Child.Use(); var size = r.Child.Size;")]
        [InlineData("var {|MEM004:cts|} = new CancellationTokenSource(TimeSpan.FromSeconds(1)); cts.Token.ThrowIfCancellationRequested();")]
        [InlineData("var {|MEM004:cts|} = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None); cts.Cancel();")]
        [InlineData("var {|MEM004:r|} = new Resource(); var {|MEM004:q|} = new Resource();")]
        [InlineData("var {|MEM004:reader|} = new BinaryReader(new FileStream(path, FileMode.Open)); reader.ReadInt32();")]
        [InlineData("var {|MEM004:w|} = new Wrapper(new Resource());")]
        [InlineData("var {|MEM004:reader|} = new StreamReader(File.OpenRead(path)); reader.ReadLine();")]
        [InlineData("var {|MEM004:r|} = new Resource(); Func<int> f = () => r.Size;")]
        public Task Reports_a_new_disposable_that_is_never_disposed(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("var {|MEM004:r|} = new Resource(); r.Use(); r.Dispose();")]
        [InlineData("var {|MEM004:r|} = new Resource(); r.Use(); r?.Dispose();")]
        [InlineData("var {|MEM004:s|} = File.OpenRead(path); s.ReadByte(); s.Close();")]
        [InlineData("var {|MEM004:r|} = new AsyncResource(); await Task.Delay(1); await r.DisposeAsync();")]
        [InlineData("var {|MEM004:r|} = new Resource(); if (flag) { r.Dispose(); }")]
        [InlineData("var {|MEM004:r|} = new Resource(); if (flag) return; r.Dispose();")]
        [InlineData("var {|MEM004:r|} = new Resource(); try { r.Use(); r.Dispose(); } finally { }")]
        [InlineData("var {|MEM004:r|} = new Resource(); r.Use(); ((IDisposable)r).Dispose();")]
        [InlineData("var {|MEM004:r|} = new Resource(); try { r.Use(); } catch (InvalidOperationException) { r.Dispose(); }")]
        public Task Reports_a_dispose_call_that_an_exception_or_early_exit_skips(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Says_which_of_the_two_cases_it_is() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("var {|#0:first|} = new Resource(); var {|#1:second|} = new Resource(); second.Use(); second.Dispose();"),
            VerifyCS.Diagnostic("MEM004").WithLocation(0).WithArguments("first", DisposableNotDisposedAnalyzer.NeverDisposed, HeldResource.FileHandle.Cost),
            VerifyCS.Diagnostic("MEM004").WithLocation(1).WithArguments("second", DisposableNotDisposedAnalyzer.NotDisposedOnEveryPath, HeldResource.FileHandle.Cost));

        [Theory]
        // Disposed on every path.
        [InlineData("using var r = new Resource();")]
        [InlineData("using (var r = new Resource()) { r.Use(); }")]
        [InlineData("await using var r = new AsyncResource();")]
        [InlineData("await using (var r = new AsyncResource()) { }")]
        [InlineData("var r = new Resource(); using (r) { r.Use(); }")]
        [InlineData("var r = new Resource(); try { r.Use(); } finally { r.Dispose(); }")]
        [InlineData("var r = new Resource(); try { r.Use(); } finally { r?.Dispose(); }")]
        [InlineData("var r = new Resource(); try { r.Use(); } catch { r.Dispose(); throw; } r.Dispose();")]
        [InlineData("var r = new Resource(); r.Dispose();")]
        // Ownership leaves the method.
        [InlineData("var r = new Resource(); _field = r;")]
        [InlineData("var r = new Resource(); Property = r;")]
        [InlineData("var r = new Resource(); this.Property = r;")]
        [InlineData("var r = new Resource(); _all.Add(r);")]
        [InlineData("var r = new Resource(); var array = new Resource[1]; array[0] = r;")]
        [InlineData("var r = new Resource(); var array = new[] { r };")]
        [InlineData("var r = new Resource(); var list = new List<Resource> { r };")]
        [InlineData("var r = new Resource(); Consume(r);")]
        [InlineData("var cts = new CancellationTokenSource(); cts.Cancel();")]
        [InlineData("var e = new List<int>().Where(x => x > 0).Select(x => x).GetEnumerator(); e.MoveNext();")]
        [InlineData("var e = new int[1].AsEnumerable().GetEnumerator(); e.MoveNext();")]
        [InlineData("var r = new Resource(); _ = Task.Run(() => { using (r) { } });")]
        [InlineData("var r = new Resource(); void Local() => r.Use(); Local();")]
        [InlineData("var r = new Resource(); var alias = r; alias.Dispose();")]
        [InlineData("var r = new Resource(); using var alias = r;")]
        [InlineData("var r = new Resource(); r = new Resource(); r.Dispose();")]
        [InlineData("var s = File.OpenRead(path); using var reader = new StreamReader(s);")]
        [InlineData("var s = File.OpenRead(path); using var zip = new GZipStream(s, CompressionMode.Decompress);")]
        [InlineData("var s = File.OpenRead(path); var t = (s, 1);")]
        [InlineData("var r = new Resource(); var o = flag ? r : null;")]
        [InlineData("var p = Process.Start(path); var output = p.StandardOutput; _ = output;")]
        [InlineData("var r = new Resource(); var child = r.Child; child.Dispose();")]
        [InlineData("var r = new Resource(); if (r is IDisposable d) { _all.Add((Resource)d); }")]
        [InlineData("var r = new Resource(); switch (r) { case Resource kept: _field = kept; break; }")]
        [InlineData("var r = new Resource(); _field = r switch { Resource kept => kept };")]
        // A wrapper around a disposable this method did not create: disposing it would dispose the caller's object.
        [InlineData("var reader = new StreamReader(Stream.Null); reader.ReadLine();")]
        [InlineData("var w = new Wrapper(_field!); var w2 = new Wrapper(connection);")]
        // Not something this method must dispose.
        [InlineData("var m = new MemoryStream(); m.WriteByte(1);")]
        [InlineData("var reader = new StringReader(path); reader.ReadLine();")]
        [InlineData("var writer = new StringWriter(); writer.Write(1);")]
        [InlineData("var task = Task.Run(() => 1); var t2 = new Task(() => { });")]
        [InlineData("var e = new List<int>().GetEnumerator(); e.MoveNext();")]
        [InlineData("var current = Process.GetCurrentProcess(); var text = File.ReadAllText(path);")]
        [InlineData("var r = (Resource?)null; var q = default(Resource);")]
        [InlineData("Resource r = _field!; r.Use();")]
        [InlineData("object o = new Resource();")]
        [InlineData("for (var r = new Resource(); flag; flag = false) { }")]
        public Task Stays_silent(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Stays_silent_when_returned_or_yielded_or_given_out() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;

            class C
            {
                Stream Open(string path)
                {
                    var s = File.OpenRead(path);
                    return s;
                }

                IEnumerable<Stream> All(string[] paths)
                {
                    foreach (var path in paths)
                    {
                        var s = File.OpenRead(path);
                        yield return s;
                    }
                }

                bool TryOpen(string path, out Stream stream)
                {
                    var s = File.OpenRead(path);
                    stream = s;
                    return true;
                }

                void Replace(ref Stream stream, string path)
                {
                    var s = File.OpenRead(path);
                    stream = s;
                }

                Func<Stream> Later(string path)
                {
                    var s = File.OpenRead(path);
                    return () => s;
                }

                Stream Expression(string path) => File.OpenRead(path);
            }
            """);

        [Fact]
        public Task Stays_silent_in_generated_code() => VerifyCS.VerifyAnalyzerAsync("""
            // <auto-generated/>
            using System.IO;

            class C
            {
                void M(string path)
                {
                    var s = File.OpenRead(path);
                }
            }
            """);

        [Fact]
        public Task Reports_in_top_level_statements_and_local_functions_and_lambdas() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.IO;

            var {|MEM004:s|} = File.OpenRead(args[0]);
            Read(args[0]);
            Action a = () =>
            {
                var {|MEM004:inner|} = File.OpenRead(args[0]);
                inner.ReadByte();
            };
            Func<string, int> f = static path =>
            {
                var {|MEM004:inner|} = File.OpenRead(path);
                return inner.ReadByte();
            };

            static void Read(string path)
            {
                var {|MEM004:r|} = new StreamReader(path);
                Console.WriteLine(r.ReadLine());
            }
            """);

        [Fact]
        public Task Reports_with_records_primary_constructors_and_pattern_matching() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;

            record Options(string Path);

            class Reader(Options options)
            {
                public int First()
                {
                    var {|MEM004:s|} = File.OpenRead(options.Path);
                    return s switch { { Length: 0 } => -1, _ => s.ReadByte() };
                }

                public int[] Sizes() => [1, 2];
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.CSharp8)]
        public Task Reports_on_old_language_versions(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            class C
            {
                int M(string path)
                {
                    var {|MEM004:s|} = File.OpenRead(path);
                    return s.ReadByte();
                }
            }
            """, version);

        private const string OptionsSource = """
            using System;
            using System.IO;

            class Resource : IDisposable
            {
                private readonly FileStream? _file = null;
                public void Dispose() => _file?.Dispose();
            }

            class Handle : IDisposable
            {
                private readonly FileStream? _file = null;
                public void Dispose() => _file?.Dispose();
            }

            interface IFactory
            {
                Handle Make();
                Handle Find();
            }

            class C
            {
                void M(IFactory factory)
                {
                    var {|MEM004:made|} = factory.Make();
                    var found = factory.Find();
                    var excluded = new Resource();
                    var {|MEM004:memory|} = new MemoryStream();
                }
            }
            """;

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Reads_the_factory_and_excluded_type_lists_and_the_include_option_from_editorconfig(bool includeTypesWithoutResource)
        {
            var source = includeTypesWithoutResource ? OptionsSource : OptionsSource.Replace("{|MEM004:memory|}", "memory");
            var test = new VerifyCS.Test(LanguageVersion.Preview) { TestCode = source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $$"""
                root = true

                [*.cs]
                memory_analyzers.MEM004.factory_methods = IFactory.Make, Other.Thing
                memory_analyzers.MEM004.excluded_types = Resource, No.Such.Type
                memory_analyzers.MEM004.include_types_without_resource = {{(includeTypesWithoutResource ? "true" : "false")}}
                """));
            await test.RunAsync();
        }

        /// <summary>
        /// Ten thousand disposables in one block: the analyzer must cost about what binding the method costs, not the
        /// square of its size (it once searched the block for the statement after each declaration).
        /// </summary>
        [Fact]
        public async Task Stays_linear_on_a_huge_method()
        {
            const int Count = 10000;
            var body = new System.Text.StringBuilder();
            for (var i = 0; i < Count; i++)
            {
                body.Append("var s").Append(i).Append(" = File.OpenRead(path); s").Append(i).Append(".ReadByte(); s").Append(i).Append(".Dispose();\n");
            }

            var source = "using System.IO;\nclass C\n{\n    void M(string path)\n    {\n" + body + "    }\n}\n";
            var compileWatch = System.Diagnostics.Stopwatch.StartNew();
            var compilation = await Infrastructure.AnalyzerCatalog.CompileAsync(new[] { ("Huge.cs", source) });
            Assert.Empty(compilation.GetDiagnostics());
            compileWatch.Stop();

            // Analysis re-binds the method on a fresh compilation, so it includes one more compile.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new DisposableNotDisposedAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
            watch.Stop();

            Assert.Equal(Count, diagnostics.Length);
            Assert.All(diagnostics, d => Assert.Equal("MEM004", d.Id));
            Assert.True(watch.Elapsed < (compileWatch.Elapsed * 3) + System.TimeSpan.FromSeconds(10), $"analysis took {watch.Elapsed}, compiling {compileWatch.Elapsed}");
        }

        [Fact]
        public Task Does_not_throw_on_broken_code() => VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            class C
            {
                void M(string path)
                {
                    var s = new {|CS0246:Missing|}(path);
                    var t = File.{|CS0117:Nothing|}(path);
                    var u = new {|CS1729:FileStream|}(1);
                }
            }
            """);
    }
}
