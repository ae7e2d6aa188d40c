using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.WholeFileScannedOnceAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using VerifyMem007 = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.WholeFileLoadedAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class WholeFileScannedOnceAnalyzerTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Text;
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using System.Threading.Tasks;
            using System.Xml.Linq;

            class C
            {
                private string _text = "";
                private byte[] _bytes = Array.Empty<byte>();

                async Task<object> M(string path, List<string> sink, Dictionary<string, int> counts)
                {
                    {{body}}
                    await Task.Yield();
                    return counts;
                }

                void Save(string word) { }
            }
            """;

        [Theory]
        // A foreach over the characters or the bytes.
        [InlineData("var n = 0; foreach (var c in {|MEM009:File.ReadAllText(path)|}) { if (c == '\\n') n++; }")]
        [InlineData("var n = 0; foreach (var c in {|MEM009:File.ReadAllText(path, Encoding.UTF8)|}) { if (c == '\\n') n++; }")]
        [InlineData("long sum = 0; foreach (var b in {|MEM009:File.ReadAllBytes(path)|}) { sum += b; }")]
        [InlineData("long sum = 0; foreach (var b in await {|MEM009:File.ReadAllBytesAsync(path)|}) { sum += b; }")]
        [InlineData("long sum = 0; foreach (var b in await {|MEM009:File.ReadAllBytesAsync(path)|}.ConfigureAwait(false)) { sum += b; }")]
        [InlineData("var n = 0; foreach (var c in await {|MEM009:File.ReadAllTextAsync(path)|}) { if (char.IsDigit(c)) n++; }")]
        // One LINQ aggregate or search.
        [InlineData("var n = {|MEM009:File.ReadAllText(path)|}.Count(c => c == '\\n');")]
        [InlineData("var zero = {|MEM009:File.ReadAllBytes(path)|}.Any(b => b == 0);")]
        [InlineData("var ascii = {|MEM009:File.ReadAllBytes(path)|}.All(b => b < 128);")]
        [InlineData("var sum = {|MEM009:File.ReadAllBytes(path)|}.Sum(b => (long)b);")]
        [InlineData("var max = {|MEM009:File.ReadAllBytes(path)|}.Max();")]
        [InlineData("var hash = {|MEM009:File.ReadAllBytes(path)|}.Aggregate(17, (h, b) => h * 31 + b);")]
        [InlineData("var first = {|MEM009:File.ReadAllText(path)|}.FirstOrDefault(c => !char.IsWhiteSpace(c));")]
        [InlineData("var n = {|MEM009:File.ReadAllBytes(path)|}.Where(b => b == 10).Count();")]
        [InlineData("var n = (await {|MEM009:File.ReadAllTextAsync(path)|}).Count(char.IsUpper);")]
        // The parts of one split, enumerated once.
        [InlineData("foreach (var word in {|MEM009:File.ReadAllText(path)|}.Split(' ')) { counts[word] = 1; }")]
        [InlineData("foreach (var word in {|MEM009:File.ReadAllText(path)|}.Split()) { Console.WriteLine(word); }")]
        [InlineData("foreach (var cell in {|MEM009:File.ReadAllText(path)|}.Split(new[] { '\\n', ',' })) { Console.WriteLine(cell); }")]
        [InlineData("foreach (var cell in {|MEM009:File.ReadAllText(path)|}.Split(\";\", StringSplitOptions.RemoveEmptyEntries)) { Console.WriteLine(cell); }")]
        [InlineData("var total = {|MEM009:File.ReadAllText(path)|}.Split(',').Sum(int.Parse);")]
        [InlineData("var total = {|MEM009:File.ReadAllText(path)|}.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).Sum(int.Parse);")]
        [InlineData("foreach (var word in {|MEM009:File.ReadAllText(path)|}.Split(' ').Where(w => w.Length > 3)) { Console.WriteLine(word); }")]
        [InlineData("var n = {|MEM009:File.ReadAllText(path)|}.Split(',').Count(s => s.Length == 0);")]
        // A local read once, in the statement right after it.
        [InlineData("var text = {|MEM009:File.ReadAllText(path)|}; foreach (var c in text) { Console.Write(c); }")]
        [InlineData("var text = {|MEM009:File.ReadAllText(path)|}; foreach (var word in text.Split(' ')) { Console.WriteLine(word); }")]
        [InlineData("byte[] data = {|MEM009:File.ReadAllBytes(path)|}; var zeros = data.Count(b => b == 0);")]
        [InlineData("var data = await {|MEM009:File.ReadAllBytesAsync(path)|}; var zeros = data.LongCount(b => b == 0);")]
        public Task Reports_every_form(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        // Kept, returned, passed on, indexed, measured, used twice.
        [InlineData("var text = File.ReadAllText(path); _text = text;")]
        [InlineData("_bytes = File.ReadAllBytes(path);")]
        [InlineData("string Keep() => File.ReadAllText(path);")]
        [InlineData("Console.WriteLine(File.ReadAllText(path));")]
        [InlineData("var text = File.ReadAllText(path); Console.WriteLine(text[0]);")]
        [InlineData("var data = File.ReadAllBytes(path); Console.WriteLine(data[data.Length - 1]);")]
        [InlineData("Console.WriteLine(File.ReadAllText(path).Length);")]
        [InlineData("var n = File.ReadAllBytes(path).Count();")]
        [InlineData("var n = File.ReadAllBytes(path).LongCount();")]
        [InlineData("var any = File.ReadAllText(path).Any();")]
        [InlineData("var first = File.ReadAllBytes(path).First();")]
        [InlineData("var last = File.ReadAllBytes(path).Last();")]
        [InlineData("var third = File.ReadAllText(path).ElementAt(2);")]
        [InlineData("var parts = File.ReadAllText(path).Split(',').Length;")]
        [InlineData("var n = File.ReadAllText(path).Split(',').Count();")]
        [InlineData("var text = File.ReadAllText(path); foreach (var a in text) { } foreach (var b in text) { }")]
        [InlineData("var text = File.ReadAllText(path); Console.WriteLine(text); foreach (var c in text) { }")]
        [InlineData("var text = File.ReadAllText(path); var parts = text.Split(','); foreach (var p in parts) { }")]
        // Parsed, matched or decoded as a whole; the string's own searches.
        [InlineData("var doc = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path));")]
        [InlineData("var xml = XDocument.Parse(File.ReadAllText(path));")]
        [InlineData("var matches = Regex.Matches(File.ReadAllText(path), \"[0-9]+\").Count;")]
        [InlineData("var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));")]
        [InlineData("var found = File.ReadAllText(path).Contains(\"ERROR\");")]
        [InlineData("var at = File.ReadAllText(path).IndexOf(\"ERROR\", StringComparison.Ordinal);")]
        [InlineData("var header = File.ReadAllText(path).StartsWith(\"#!\");")]
        [InlineData("var upper = File.ReadAllText(path).ToUpperInvariant();")]
        // Copied, written back, or built into something as large as the content.
        [InlineData("File.WriteAllBytes(path + \".bak\", File.ReadAllBytes(path));")]
        [InlineData("var list = File.ReadAllBytes(path).ToList();")]
        [InlineData("var copy = File.ReadAllText(path).Select(char.ToUpperInvariant).ToArray();")]
        [InlineData("var words = File.ReadAllText(path).Split(' ').ToHashSet();")]
        [InlineData("sink.AddRange(File.ReadAllText(path).Split(' '));")]
        [InlineData("var joined = string.Join(\",\", File.ReadAllBytes(path));")]
        [InlineData("var set = new HashSet<string>(File.ReadAllText(path).Split(' '));")]
        [InlineData("foreach (var word in File.ReadAllText(path).Split(' ').OrderBy(w => w)) { Console.WriteLine(word); }")]
        [InlineData("var n = File.ReadAllText(path).Split(' ').Distinct().Count();")]
        // The scan touches the file system or the project, or waits.
        [InlineData("foreach (var word in File.ReadAllText(path).Split(' ')) { File.AppendAllText(path, word); }")]
        [InlineData("foreach (var b in File.ReadAllBytes(path)) { using var s = new MemoryStream(); s.WriteByte(b); }")]
        [InlineData("foreach (var word in File.ReadAllText(path).Split(' ')) { Save(word); }")]
        [InlineData("foreach (var word in File.ReadAllText(path).Split(' ')) { await Task.Delay(1); }")]
        [InlineData("for (var i = 0; i < 2; i++) { var text = File.ReadAllText(path); Console.WriteLine(text.Length); }")]
        [InlineData("var text = File.ReadAllText(path); Action a = () => { foreach (var c in text) { } };")]
        // Splits on new lines are MEM007's; lines are MEM007's; streaming already.
        [InlineData("foreach (var line in File.ReadAllText(path).Split('\\n')) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in File.ReadAllText(path).Split(Environment.NewLine)) { Console.WriteLine(line); }")]
        [InlineData("var text = File.ReadAllText(path); foreach (var line in text.Split(new[] { \"\\r\\n\", \"\\n\" }, StringSplitOptions.None)) { }")]
        [InlineData("foreach (var line in File.ReadAllLines(path)) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in File.ReadLines(path)) { Console.WriteLine(line); }")]
        [InlineData("using var reader = new StreamReader(path); int c; while ((c = reader.Read()) >= 0) { }")]
        // Not awaited: the task is the value.
        [InlineData("var task = File.ReadAllTextAsync(path); Console.WriteLine(await task);")]
        public Task Stays_silent_when_the_content_is_kept_parsed_or_not_scanned(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Names_the_call_in_the_message() => VerifyCS.VerifyAnalyzerAsync(
            InMethod("var n = {|#0:File.ReadAllBytes(path)|}.Count(b => b == 0);"),
            VerifyCS.Diagnostic("MEM009").WithLocation(0).WithArguments("File.ReadAllBytes").WithSeverity(DiagnosticSeverity.Info));

        [Theory]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllText(path).Split('\\n')|}) { Console.WriteLine(line); }")]
        [InlineData("foreach (var line in {|MEM007:File.ReadAllText(path).Split(new[] { '\\r', '\\n' }, StringSplitOptions.RemoveEmptyEntries)|}) { }")]
        public Task A_split_on_new_lines_is_reported_by_MEM007_only(string body) => VerifyMem007.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Reports_on_csharp_7_3() => VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Linq;

            class C
            {
                int M(string path) => {|MEM009:File.ReadAllBytes(path)|}.Count(b => b == 0);

                int Words(string path)
                {
                    var n = 0;
                    foreach (var word in {|MEM009:File.ReadAllText(path)|}.Split(' '))
                    {
                        n += word.Length > 3 ? 1 : 0;
                    }

                    return n;
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Fact]
        public Task Reports_in_top_level_statements_local_functions_and_static_lambdas() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.IO;
            using System.Linq;

            var spaces = 0;
            foreach (var c in {|MEM009:File.ReadAllText(args[0])|})
            {
                spaces += c == ' ' ? 1 : 0;
            }

            Console.WriteLine(spaces + Zeros(args[1]));
            Func<string, bool> ascii = static p => {|MEM009:File.ReadAllBytes(p)|}.All(b => b < 128);
            Console.WriteLine(ascii(args[2]));

            static int Zeros(string path) => {|MEM009:File.ReadAllBytes(path)|}.Count(b => b == 0);
            """);

        [Fact]
        public Task Reports_in_records_primary_constructors_and_patterns() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;

            record Log(string Path)
            {
                public int Errors() => {|MEM009:File.ReadAllText(Path)|}.Split(';').Count(e => e is ['E', ..]);
            }

            class Scanner(string path)
            {
                public async Task<bool> HasZeroAsync()
                {
                    await using var marker = new MemoryStream();
                    var data = await {|MEM009:File.ReadAllBytesAsync(path)|};
                    return data.Any(b => b is 0);
                }

                public string[] Kept() => [.. File.ReadAllText(path).Split(',')];
            }
            """);

        [Fact]
        public Task Stays_silent_in_an_iterator_whose_caller_runs_between_parts() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            class C
            {
                IEnumerable<string> Words(string path)
                {
                    foreach (var word in File.ReadAllText(path).Split(' '))
                    {
                        yield return word;
                    }
                }
            }
            """);
    }
}
