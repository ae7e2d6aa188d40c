using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.WholeFileLoadedAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.WholeFileLoadedFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class WholeFileLoadedAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path, List<string> sink)
                {
                    {{body}}
                    await Task.Yield();
                }

                void Save(string line) { }
            }
            """;

        [Theory]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllLines(path)|}) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllLines(path, Encoding.UTF8)|}) { Console.WriteLine(line); }")]
        [InlineData("var n = {|MEM007:File.ReadAllLines(path)|}.Count(l => l.Length > 0);")]
        [InlineData("var errors = {|MEM007:File.ReadAllLines(path)|}.Where(l => l.StartsWith(\"E\")).ToList();")]
        [InlineData("sink.AddRange({|MEM007:File.ReadAllLines(path)|});")]
        [InlineData("var text = string.Join(\"|\", {|MEM007:File.ReadAllLines(path)|});")]
        [InlineData("var lines = {|MEM007:File.ReadAllLines(path)|}; foreach (var line in lines) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in await {|MEM007:File.ReadAllLinesAsync(path)|}) { Console.WriteLine(line); }")]
        [InlineData("var lines = await {|MEM007:File.ReadAllLinesAsync(path)|}; foreach (var line in lines) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllText(path).Split('\\n')|}) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllText(path).Split(Environment.NewLine)|}) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllText(path).Split(new[] { '\\r', '\\n' }, StringSplitOptions.RemoveEmptyEntries)|}) { }")]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllText(path).Split(new[] { \"\\r\\n\", \"\\n\" }, StringSplitOptions.None)|}) { }")]
        [InlineData("var n = {|MEM007:File.ReadAllText(path).Split('\\n')|}.Count();")]
        public Task Reports_every_form(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        [InlineData("var lines = File.ReadAllLines(path); Console.WriteLine(lines.Length);")]
        [InlineData("var lines = File.ReadAllLines(path); Console.WriteLine(lines[0]);")]
        [InlineData("var lines = File.ReadAllLines(path); foreach (var a in lines) { } foreach (var b in lines) { }")]
        [InlineData("var lines = File.ReadAllLines(path); Array.Sort(lines);")]
        [InlineData("string[] Keep() => File.ReadAllLines(path);")]
        [InlineData("foreach (var line in File.ReadAllLines(path)) { File.AppendAllText(path, line); }")]
        [InlineData("foreach (var line in File.ReadAllLines(path)) { File.WriteAllText(path, line); }")]
        [InlineData("var log = path; foreach (var line in File.ReadAllLines(path)) { File.AppendAllText(log, line); }")]
        [InlineData("foreach (var line in File.ReadAllLines(path)) { using var writer = new StreamWriter(\"other.txt\"); writer.WriteLine(line); }")]
        [InlineData("foreach (var line in File.ReadAllLines(path)) { Save(line); }")]
        [InlineData("var lines = await File.ReadAllLinesAsync(path); Console.WriteLine(lines.Length);")]
        [InlineData("var n = (await File.ReadAllLinesAsync(path)).Count();")]
        [InlineData("foreach (var line in await File.ReadAllLinesAsync(path).ConfigureAwait(false)) { }")]
        [InlineData("foreach (var word in File.ReadAllText(path).Split(' ')) { }")]
        [InlineData("foreach (var cell in File.ReadAllText(path).Split(new[] { '\\n', ',' })) { }")]
        [InlineData("var parts = File.ReadAllText(path).Split('\\n'); Console.WriteLine(parts[0]);")]
        [InlineData("foreach (var line in File.ReadLines(path)) { }")]
        [InlineData("var text = File.ReadAllText(path); Console.WriteLine(text.Length);")]
        [InlineData("for (var i = 0; i < 2; i++) { var all = File.ReadAllLines(path); Console.WriteLine(all.Length); }")]
        public Task Stays_silent_when_the_lines_are_kept_or_the_file_changes(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Names_the_call_in_the_message() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("foreach (var line in {|#0:File.ReadAllText(path).Split('\\n')|}) { }"),
            VerifyCS.Diagnostic("MEM007").WithLocation(0).WithArguments("File.ReadAllText(...).Split", WholeFileLoadedAnalyzer.StreamWithReadLines));

        [Fact]
        public Task Suggests_the_asynchronous_stream_for_awaited_lines() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("foreach (var line in await {|#0:File.ReadAllLinesAsync(path)|}) { }"),
            VerifyCS.Diagnostic("MEM007").WithLocation(0).WithArguments("File.ReadAllLinesAsync", WholeFileLoadedAnalyzer.StreamWithReadLinesAsync));

        [Theory]
        [InlineData("foreach (var line in File.ReadAllLines(path)) { Console.WriteLine(line); }", "foreach (var line in File.ReadLines(path)) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in File.ReadAllLines(path, Encoding.Latin1)) { }", "foreach (var line in File.ReadLines(path, Encoding.Latin1)) { }")]
        [InlineData("var n = File.ReadAllLines(path).Count(l => l.Length > 0);", "var n = File.ReadLines(path).Count(l => l.Length > 0);")]
        [InlineData("var text = string.Join(\"|\", File.ReadAllLines(path));", "var text = string.Join(\"|\", File.ReadLines(path));")]
        [InlineData("sink.AddRange(File.ReadAllLines(path));", "sink.AddRange(File.ReadLines(path));")]
        [InlineData("foreach (var line in await File.ReadAllLinesAsync(path)) { Console.WriteLine(line); }", "await foreach (var line in File.ReadLinesAsync(path)) { Console.WriteLine(line); }")]
        public Task Streams_the_lines(string body, string fixedBody)
            => VerifyCS.VerifyCodeFixAsync(InMethod(body.Replace("File.", "{|MEM007:File.").Replace("(path)", "(path)|}").Replace("Latin1)", "Latin1)|}").Replace("{|MEM007:File.AppendAllText", "File.AppendAllText")), InMethod(fixedBody));

        [Fact]
        public Task Streams_lines_held_in_a_local() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    // Every entry.
                    string[] lines = {|MEM007:File.ReadAllLines(path)|};
                    foreach (var line in lines)
                    {
                        Console.WriteLine(line);
                    }

                    // Again, asynchronously.
                    var more = await {|MEM007:File.ReadAllLinesAsync(path)|};
                    foreach (var line in more)
                    {
                        Console.WriteLine(line);
                    }
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    // Every entry.
                    foreach (var line in File.ReadLines(path))
                    {
                        Console.WriteLine(line);
                    }

                    // Again, asynchronously.
                    await foreach (var line in File.ReadLinesAsync(path))
                    {
                        Console.WriteLine(line);
                    }
                }
            }
            """);

        [Fact]
        public Task Offers_no_fix_for_split_text_whose_lines_differ() => VerifyCS.VerifyNoCodeFixAsync(
            InMethod("foreach (var line in {|MEM007:File.ReadAllText(path).Split('\\n')|}) { }"));

        [Fact]
        public Task Reports_in_top_level_statements() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;

            foreach (var line in {|MEM007:File.ReadAllLines(args[0])|})
            {
                Console.WriteLine(line);
            }
            """, """
            using System;
            using System.IO;

            foreach (var line in File.ReadLines(args[0]))
            {
                Console.WriteLine(line);
            }
            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_on_csharp_7_3() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Linq;

            class C
            {
                int M(string path) => {|MEM007:File.ReadAllLines(path)|}.Count(l => l.Length == 0);
            }
            """, """
            using System.IO;
            using System.Linq;

            class C
            {
                int M(string path) => File.ReadLines(path).Count(l => l.Length == 0);
            }
            """, LanguageVersion.CSharp7_3);
    }
}
