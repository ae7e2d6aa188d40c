using System.Collections.Generic;
using System.Text;

namespace MemoryAnalyzers.Precision
{
    /// <summary>One generated method; <see cref="Category"/> groups cases in the report.</summary>
    internal sealed record Case(string Category, string Name, bool Leaks, string Text);

    /// <summary>
    /// Generates the body of code the three rules are measured on: every template below is instantiated for every
    /// disposable kind. A line that creates an object which the code then leaks carries a trailing "// leak" comment;
    /// every other line is correct code on which a report is a false positive.
    /// </summary>
    internal static class Corpus
    {
        /// <summary>A disposable kind: its static type, an expression that creates one, a statement that uses local 'x'.</summary>
        private sealed record Kind(string Type, string Create, string Use);

        private static readonly Kind[] s_kinds =
        {
            new("FileStream", "new FileStream(path, FileMode.Open)", "x.ReadByte();"),
            new("FileStream", "File.OpenRead(path)", "x.ReadByte();"),
            new("StreamReader", "new StreamReader(path)", "x.ReadLine();"),
            new("StreamWriter", "File.CreateText(path)", "x.WriteLine(1);"),
            new("BinaryReader", "new BinaryReader(new FileStream(path, FileMode.Open))", "x.ReadInt32();"),
            new("HttpClient", "new HttpClient()", "x.CancelPendingRequests();"),
            new("CancellationTokenSource", "new CancellationTokenSource()", "x.Cancel();"),
            new("Process", "Process.Start(path)", "x.WaitForExit();"),
            new("SemaphoreSlim", "new SemaphoreSlim(1)", "x.Wait();"),
            new("Timer", "new Timer(_ => { }, null, 0, 1000)", "x.Change(0, 1);"),
            new("DbCommand", "connection.CreateCommand()", "x.ExecuteNonQuery();"),
            new("IEnumerator<int>", "items.GetEnumerator()", "x.MoveNext();"),
        };

        private const string Parameters = "string path, bool flag, DbConnection connection, IEnumerable<int> items, string[] paths";

        /// <summary>Templates: {N} method name, {P} parameters, {T} type, {C} creation, {U} use of 'x'.</summary>
        private static readonly (string Category, bool Leaks, string Text)[] s_templates =
        {
            // Leaks.
            ("never disposed", true, """
                void {N}({P})
                {
                    var x = {C}; // leak
                    {U}
                }
                """),
            ("dispose not in finally", true, """
                void {N}({P})
                {
                    var x = {C}; // leak
                    {U}
                    x.Dispose();
                }
                """),
            ("dispose only in a branch", true, """
                void {N}({P})
                {
                    var x = {C}; // leak
                    {U}
                    if (flag)
                    {
                        x.Dispose();
                    }
                }
                """),
            ("early return before dispose", true, """
                void {N}({P})
                {
                    var x = {C}; // leak
                    if (flag)
                    {
                        return;
                    }

                    {U}
                    x.Dispose();
                }
                """),
            ("in a lambda", true, """
                void {N}({P})
                {
                    Action a = () =>
                    {
                        var x = {C}; // leak
                        {U}
                    };
                    a();
                }
                """),
            ("in a local function", true, """
                void {N}({P})
                {
                    Local();

                    void Local()
                    {
                        var x = {C}; // leak
                        {U}
                    }
                }
                """),
            ("in an async method", true, """
                async Task {N}({P})
                {
                    var x = {C}; // leak
                    await Task.Yield();
                    {U}
                }
                """),
            ("in a loop", true, """
                void {N}({P})
                {
                    foreach (var p in paths)
                    {
                        var x = {C}; // leak
                        {U}
                    }
                }
                """),
            ("exception swallowed, never disposed", true, """
                void {N}({P})
                {
                    var x = {C}; // leak
                    try
                    {
                        {U}
                    }
                    catch (IOException)
                    {
                    }
                }
                """),
            ("re-assigned before dispose", true, """
                void {N}({P})
                {
                    var x = {C}; // leak
                    {U}
                    x = {C};
                    x.Dispose();
                }
                """),
            ("declared, then assigned", true, """
                void {N}({P})
                {
                    {T} x;
                    x = {C}; // leak
                    {U}
                }
                """),
            ("created and dropped", true, """
                void {N}({P})
                {
                    _ = {C}; // leak
                }
                """),

            // Correct code.
            ("using declaration", false, """
                void {N}({P})
                {
                    using var x = {C};
                    {U}
                }
                """),
            ("using statement", false, """
                void {N}({P})
                {
                    using (var x = {C})
                    {
                        {U}
                    }
                }
                """),
            ("try/finally", false, """
                void {N}({P})
                {
                    var x = {C};
                    try
                    {
                        {U}
                    }
                    finally
                    {
                        x.Dispose();
                    }
                }
                """),
            ("try/finally with ?.", false, """
                void {N}({P})
                {
                    var x = {C};
                    try
                    {
                        {U}
                    }
                    finally
                    {
                        x?.Dispose();
                    }
                }
                """),
            ("catch disposes and rethrows", false, """
                void {N}({P})
                {
                    var x = {C};
                    try
                    {
                        {U}
                    }
                    catch
                    {
                        x.Dispose();
                        throw;
                    }

                    x.Dispose();
                }
                """),
            ("disposed right away", false, """
                void {N}({P})
                {
                    var x = {C};
                    x.Dispose();
                }
                """),
            ("using an existing local", false, """
                void {N}({P})
                {
                    var x = {C};
                    using (x)
                    {
                        {U}
                    }
                }
                """),
            ("returned", false, """
                IDisposable {N}({P})
                {
                    var x = {C};
                    {U}
                    return x;
                }
                """),
            ("yielded", false, """
                IEnumerable<IDisposable> {N}({P})
                {
                    var x = {C};
                    yield return x;
                }
                """),
            ("out parameter", false, """
                bool {N}({P}, out IDisposable result)
                {
                    var x = {C};
                    result = x;
                    return true;
                }
                """),
            ("stored in a field", false, """
                void {N}({P})
                {
                    var x = {C};
                    _keep?.Dispose();
                    _keep = x;
                }
                """),
            ("added to an owned collection", false, """
                void {N}({P})
                {
                    var x = {C};
                    _owned.Add(x);
                }
                """),
            ("stored or disposed", false, """
                void {N}({P})
                {
                    var x = {C};
                    if (flag)
                    {
                        _keep = x;
                    }
                    else
                    {
                        x.Dispose();
                    }
                }
                """),
            ("wrapped by an owner", false, """
                void {N}({P})
                {
                    var x = {C};
                    using var owner = new Owner(x);
                }
                """),
            ("handed to a method that disposes it", false, """
                void {N}({P})
                {
                    var x = {C};
                    DisposeLater(x);
                }
                """),
            ("captured by a lambda that disposes it", false, """
                Action {N}({P})
                {
                    var x = {C};
                    return () =>
                    {
                        using (x)
                        {
                            {U}
                        }
                    };
                }
                """),
        };

        /// <summary>
        /// Types whose Dispose releases nothing, objects this code did not create, and a reader over a stream it does not own
        /// (disposing the reader would close the stream): correct without Dispose.
        /// </summary>
        private static readonly (string Name, string Body)[] s_nothingToRelease =
        {
            ("MemoryStream", "var m = new MemoryStream(); m.WriteByte(1); _ = m.ToArray();"),
            ("StringReader", "var r = new StringReader(path); _ = r.ReadLine();"),
            ("StringWriter", "var w = new StringWriter(); w.Write(1); _ = w.ToString();"),
            ("Task", "var t = Task.Run(() => { }); t.Wait();"),
            ("ListEnumerator", "var e = new List<int>(items).GetEnumerator(); e.MoveNext();"),
            ("CurrentProcess", "var p = Process.GetCurrentProcess(); _ = p.Id;"),
            ("DataTable", "var table = new System.Data.DataTable(); table.Columns.Add(\"a\");"),
            ("reader over the caller's stream", "var r = new StreamReader(Stream.Null); _ = r.ReadLine();"),
        };

        public static IReadOnlyList<Case> Cases()
        {
            var cases = new List<Case>();
            var index = 0;
            foreach (var kind in s_kinds)
            {
                foreach (var (category, leaks, template) in s_templates)
                {
                    var name = "Case" + index++;
                    var text = template
                        .Replace("{N}", name)
                        .Replace("{P}", Parameters)
                        .Replace("{T}", kind.Type)
                        .Replace("{C}", kind.Create)
                        .Replace("{U}", kind.Use);
                    cases.Add(new Case(category, name, leaks, text));
                }
            }

            foreach (var (typeName, body) in s_nothingToRelease)
            {
                var name = "Case" + index++;
                cases.Add(new Case("nothing to release: " + typeName, name, false, $"void {name}({Parameters})\n{{\n    {body}\n}}"));
            }

            return cases;
        }

        /// <summary>One file: the usings, two helper types, and every case as a method of a partial class.</summary>
        public static string Source(IReadOnlyList<Case> cases)
        {
            var text = new StringBuilder("""
                using System;
                using System.Collections.Generic;
                using System.Data.Common;
                using System.Diagnostics;
                using System.IO;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public sealed class Owner : IDisposable
                {
                    private readonly IDisposable _inner;

                    public Owner(IDisposable inner) => _inner = inner;

                    public void Dispose() => _inner.Dispose();
                }

                public sealed class Cases : IDisposable
                {
                    private IDisposable _keep;
                    private readonly List<IDisposable> _owned = new List<IDisposable>();

                    private static void DisposeLater(IDisposable disposable) => disposable.Dispose();

                    public void Dispose()
                    {
                        _keep?.Dispose();
                        foreach (var owned in _owned)
                        {
                            owned.Dispose();
                        }
                    }

                """);
            foreach (var @case in cases)
            {
                text.Append('\n');
                foreach (var line in @case.Text.Split('\n'))
                {
                    text.Append("    ").Append(line.TrimEnd('\r')).Append('\n');
                }
            }

            text.Append("}\n");
            return text.ToString();
        }
    }
}
