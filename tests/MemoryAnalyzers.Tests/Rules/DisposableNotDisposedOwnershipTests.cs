using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.DisposableNotDisposedAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.DisposableNotDisposedFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM004's ownership model: the leak shapes it reports (who owns the object, what it holds, which path skips the
    /// Dispose call) and the no-leak shapes next to them that it must leave alone.
    /// </summary>
    public sealed class DisposableNotDisposedOwnershipTests
    {
        private static string InClass(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading;

            class C
            {
                private ICryptoTransform? _encryptor;
                private Stream? _cached;
                private object? _kept;

            {{members}}
            }
            """;

        [Theory]
        // Shape 3: created by a call, used as an operand, never stored.
        [InlineData("long M(string path) => {|MEM004:File.OpenRead(path)|}.Length;")]
        [InlineData("string M(string path) => {|MEM004:new StreamReader(path)|}.ReadToEnd();")]
        [InlineData("bool M() { if ({|MEM004:Console.OpenStandardInput(1)|} == Stream.Null) { return true; } return false; }")]
        [InlineData("byte[] M(string path) => SHA256.HashData({|MEM004:File.OpenRead(path)|});")]
        // A framework factory of a native crypto object; the transform it creates outlives it.
        [InlineData("void M(byte[] key) { var {|MEM004:aes|} = Aes.Create(); aes.Key = key; _encryptor = aes.CreateEncryptor(); }")]
        [InlineData("byte[] M(byte[] data) { var {|MEM004:sha|} = SHA1.Create(); return sha.ComputeHash(data); }")]
        [InlineData("bool M(string path) { var {|MEM004:reader|} = System.Xml.XmlReader.Create(path); return reader.Read(); }")]
        [InlineData("int M(string json) { var {|MEM004:document|} = System.Text.Json.JsonDocument.Parse(json); return document.RootElement.GetArrayLength(); }")]
        // Shape 4: closed on the fall-through path; an early return skips it; passing it to a method that only signals or reads it hands nothing over.
        [InlineData("void M(bool flag) { var {|MEM004:done|} = new ManualResetEvent(false); using var timer = new Timer(_ => { }); timer.Dispose(done); if (flag) return; done.WaitOne(); done.Close(); }")]
        [InlineData("byte[] M(string path) { var {|MEM004:s|} = File.OpenRead(path); var hash = SHA256.HashData(s); if (hash.Length == 0) return hash; s.Close(); return hash; }")]
        // Shape 5: disposed at the end of the try and in the catch, with an early return in the try.
        [InlineData("void M(string path, bool flag) { var {|MEM004:s|} = File.OpenRead(path); try { if (flag) return; s.ReadByte(); s.Dispose(); } catch (IOException) { s.Dispose(); throw; } }")]
        // Shape 6: a project factory whose every return is a new object.
        [InlineData("static Stream OpenLog(string p) => new FileStream(p, FileMode.Open); int M(string path) { var {|MEM004:s|} = OpenLog(path); return s.ReadByte(); }")]
        [InlineData("static Stream Open(string p) { var f = new FileStream(p, FileMode.Open); f.Position = 1; return f; } static Stream Again(string p) => Open(p); int M(string path) { var {|MEM004:s|} = Again(path); return s.ReadByte(); }")]
        // Shapes 1 and 2: captured by a lambda that only signals it; the capture hands nothing over.
        [InlineData("void M(Action<Action> start) { var {|MEM004:done|} = new ManualResetEvent(false); start(() => done.Set()); done.WaitOne(); }")]
        [InlineData("void M(Action<Action> start, bool more) { var {|MEM004:done|} = new ManualResetEvent(false); while (more) { start(() => done.Set()); more = done.WaitOne(TimeSpan.FromSeconds(1)); } }")]
        // Shape 7: a probe passed to a predicate that does not keep it.
        [InlineData("static bool IsTar(Stream s) => s.Length > 512 && s.CanSeek; bool M(string path) { var {|MEM004:probe|} = File.OpenRead(path); if (IsTar(probe)) { return true; } return false; }")]
        // Shape 8: handed to a project wrapper that stores it but never disposes it (or has no Dispose).
        [InlineData("sealed class Parser { private readonly Stream _input; public Parser(Stream input) { _input = input; } public int Next() => _input.ReadByte(); } int M(string path) { var {|MEM004:s|} = File.OpenRead(path); var parser = new Parser(s); return parser.Next(); }")]
        [InlineData("sealed class Flagged : IDisposable { private readonly Stream _input; private bool _done; public Flagged(Stream input) => _input = input ?? throw new ArgumentNullException(nameof(input)); public void Dispose() => _done = _input.CanRead; } void M(string path) { var {|MEM004:s|} = File.OpenRead(path); using var wrapper = new Flagged(s); }")]
        public Task Reports_the_leak_shapes(string members) => VerifyCS.VerifyAnalyzerAsync(InClass(members));

        [Theory]
        // A project factory that hands out a cached object.
        [InlineData("Stream Shared(string p) => _cached ??= new FileStream(p, FileMode.Open); int M(string path) { var s = Shared(path); return s.ReadByte(); }")]
        [InlineData("Stream Last(string p) { var f = new FileStream(p, FileMode.Open); _cached = f; return f; } int M(string path) { var s = Last(path); return s.ReadByte(); }")]
        // A project method that keeps its argument, or disposes it.
        [InlineData("void Keep(Stream s) { _kept = s; } void M(string path) { var s = File.OpenRead(path); Keep(s); }")]
        [InlineData("static void Release(IDisposable d) => d?.Dispose(); void M(string path) { var s = File.OpenRead(path); try { s.ReadByte(); } finally { Release(s); } }")]
        // Framework methods that may keep what they are given.
        [InlineData("void M(string path) { var w = new StreamWriter(path); Console.SetOut(w); }")]
        [InlineData("void M(string path, List<Stream> all) { var s = File.OpenRead(path); all.Add(s); }")]
        [InlineData("void M(string path) { var s = File.OpenRead(path); Interlocked.CompareExchange(ref _cached, s, null); }")]
        // Used as an operand, but what the member returns depends on it and is kept, or it is disposed on the spot.
        [InlineData("void M(string path) { _kept = File.OpenRead(path).SafeFileHandle; new FileStream(path, FileMode.Open).Dispose(); }")]
        // Holds nothing but managed memory: a writer over a StringBuilder, a reader over a string.
        [InlineData("void M() { var w = System.Xml.XmlWriter.Create(new System.Text.StringBuilder()); w.WriteStartElement(\"a\"); var r = System.Xml.XmlReader.Create(new StringReader(\"<a/>\")); r.Read(); }")]
        // Wrappers over the caller's object.
        [InlineData("string M(Stream input) => new StreamReader(input).ReadToEnd();")]
        // Handed to another constructor of the type, which takes ownership (found on real code).
        [InlineData("C(Stream s, bool owns) { _cached = s; } C(string path) : this(File.OpenRead(path), owns: true) { }")]
        // Captured by a lambda that disposes it, or passed on from inside one.
        [InlineData("void M(string path, Action<Action> run) { var s = File.OpenRead(path); run(() => s.Dispose()); }")]
        [InlineData("void M(string path, Action<Action> run) { var s = File.OpenRead(path); run(() => _kept = s); }")]
        // A project wrapper that disposes what it stores, or passes it to its base: the hand-over is real.
        [InlineData("sealed class Owner : IDisposable { private readonly Stream _input; public Owner(Stream input) { _input = input; } public void Dispose() => _input.Dispose(); } void M(string path) { var s = File.OpenRead(path); using var owner = new Owner(s); }")]
        [InlineData("class Base : IDisposable { private readonly Stream _inner; protected Base(Stream inner) => _inner = inner; public void Dispose() => _inner?.Dispose(); } sealed class Derived : Base { public Derived(Stream inner) : base(inner) { } } void M(string path) { var s = File.OpenRead(path); using var derived = new Derived(s); }")]
        public Task Stays_silent_on_the_no_leak_shapes(string members) => VerifyCS.VerifyAnalyzerAsync(InClass(members));

        [Fact]
        public Task Names_the_line_of_the_exit_that_skips_the_close() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;

            class C
            {
                int M(string path, bool flag)
                {
                    var {|#0:s|} = File.OpenRead(path);
                    if (flag)
                    {
                        return 0;
                    }

                    var b = s.ReadByte();
                    s.Close();
                    return b;
                }
            }
            """,
            VerifyCS.Diagnostic("MEM004").WithLocation(0).WithArguments("s", "is not disposed on the path through line 10", HeldResource.FileHandle.Cost));

        [Fact]
        public Task Names_what_leaks_and_says_nothing_false_when_it_cannot_tell() => VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Threading;

            class C
            {
                void M(IEnumerable<int> numbers)
                {
                    var {|#0:done|} = new ManualResetEvent(false);
                    done.WaitOne(1);
                    var {|#1:e|} = numbers.GetEnumerator();
                    e.MoveNext();
                }
            }
            """,
            VerifyCS.Diagnostic("MEM004").WithLocation(0).WithArguments("done", DisposableNotDisposedAnalyzer.NeverDisposed, HeldResource.WaitHandle.Cost),
            VerifyCS.Diagnostic("MEM004").WithLocation(1).WithArguments("e", DisposableNotDisposedAnalyzer.NeverDisposed, HeldResource.Unknown.Cost));

        /// <summary>"What a type holds": project types are followed into their Dispose and their fields.</summary>
        [Fact]
        public Task Follows_project_types_into_their_dispose() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;

            sealed class ExtraData : IDisposable
            {
                private MemoryStream? _buffer = new MemoryStream();
                public ExtraData(byte[] data) { }
                public void Dispose() { _buffer?.Dispose(); _buffer = null; }
            }

            sealed class Flagged : IDisposable
            {
                private bool _disposed;
                public void Dispose() => _disposed = true;
            }

            sealed class NothingOwned : Stream
            {
                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => 0;
                public override long Position { get; set; }
                public override void Flush() { }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) { }
            }

            class Log : IDisposable
            {
                private readonly FileStream _file;
                public Log(string path) => _file = new FileStream(path, FileMode.Append);
                protected virtual void Dispose(bool disposing) => Close();
                private void Close() => _file.Dispose();
                public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
            }

            sealed class AuditLog : Log
            {
                public AuditLog(string path) : base(path) { }
                protected override void Dispose(bool disposing) { base.Dispose(disposing); }
            }

            class C
            {
                void M(byte[] data, string path)
                {
                    var extra = new ExtraData(data);
                    var flagged = new Flagged();
                    var nothing = new NothingOwned();
                    var {|#0:log|} = new Log(path);
                    var {|#1:audit|} = new AuditLog(path);
                }
            }
            """,
            VerifyCS.Diagnostic("MEM004").WithLocation(0).WithArguments("log", DisposableNotDisposedAnalyzer.NeverDisposed, HeldResource.FileHandle.Cost),
            VerifyCS.Diagnostic("MEM004").WithLocation(1).WithArguments("audit", DisposableNotDisposedAnalyzer.NeverDisposed, HeldResource.FileHandle.Cost));
    }
}
