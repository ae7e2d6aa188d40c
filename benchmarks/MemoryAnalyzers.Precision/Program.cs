using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using MemoryAnalyzers.Precision;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// dotnet run --project benchmarks/MemoryAnalyzers.Precision [-- --source]
// Prints, per rule, true positives, false positives and false negatives against the "// leak" marks, then per category.
var cases = Corpus.Cases();
var source = Corpus.Source(cases);
if (args.Contains("--source"))
{
    Console.WriteLine(source);
    return 0;
}

var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "Corpus.cs");
var rules = new[] { "MEM004", "CA2000", "IDISP001" };
var compilation = CSharpCompilation.Create(
    "Corpus",
    new[] { tree },
    RuntimeReferences.All,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithSpecificDiagnosticOptions(rules.ToDictionary(id => id, _ => ReportDiagnostic.Warn)));
var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
if (errors.Count > 0)
{
    errors.ForEach(error => Console.Error.WriteLine(error));
    return 1;
}

var analyzers = new Dictionary<string, ImmutableArray<DiagnosticAnalyzer>>
{
    ["MEM004"] = ImmutableArray.Create<DiagnosticAnalyzer>(new DisposableNotDisposedAnalyzer()),
    ["CA2000"] = ComparedAnalyzers.For("CA2000"),
    ["IDISP001"] = ComparedAnalyzers.For("IDISP001"),
};

// Which line each case's text starts on, and which lines are marked as leaks.
var lines = source.Split('\n');
var leakLines = new HashSet<int>(Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimEnd().EndsWith("// leak", StringComparison.Ordinal)));
var categoryOfLine = new Dictionary<int, string>();
var current = "";
for (var i = 0; i < lines.Length; i++)
{
    foreach (var @case in cases)
    {
        if (lines[i].Contains(" " + @case.Name + "(", StringComparison.Ordinal))
        {
            current = @case.Category;
        }
    }

    categoryOfLine[i] = current;
}

var flaggedLines = new Dictionary<string, HashSet<int>>();
foreach (var (rule, ruleAnalyzers) in analyzers)
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var diagnostics = compilation.WithAnalyzers(ruleAnalyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
        .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    watch.Stop();
    var failures = diagnostics.Where(d => d.Id == "AD0001").ToList();
    failures.ForEach(failure => Console.Error.WriteLine(failure));
    flaggedLines[rule] = new HashSet<int>(diagnostics.Where(d => d.Id == rule).Select(d => d.Location.GetLineSpan().StartLinePosition.Line));
    Console.Error.WriteLine($"{rule}: {flaggedLines[rule].Count} lines flagged in {watch.Elapsed.TotalSeconds:0.0} s");
}

var leakCases = cases.Count(c => c.Leaks);
Console.WriteLine($"Corpus: {cases.Count} methods, {leakLines.Count} leaking lines marked, {lines.Length} lines.");
Console.WriteLine();
Console.WriteLine("| Rule | True positives | False positives | False negatives | Precision | Recall |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var rule in rules)
{
    var flagged = flaggedLines[rule];
    var truePositives = flagged.Count(leakLines.Contains);
    var falsePositives = flagged.Count(line => !leakLines.Contains(line));
    var falseNegatives = leakLines.Count(line => !flagged.Contains(line));
    var precision = truePositives + falsePositives == 0 ? 1.0 : (double)truePositives / (truePositives + falsePositives);
    var recall = (double)truePositives / leakLines.Count;
    Console.WriteLine($"| {rule} | {truePositives} | {falsePositives} | {falseNegatives} | {precision:P1} | {recall:P1} |");
}

Console.WriteLine();
Console.WriteLine("Lines flagged per category (leaking categories: flagged / marked; correct categories: false positives):");
Console.WriteLine();
Console.WriteLine("| Category | Leaks | " + string.Join(" | ", rules) + " |");
Console.WriteLine("|---|---|" + string.Concat(rules.Select(_ => "---|")));
foreach (var category in cases.Select(c => c.Category).Distinct())
{
    var categoryLines = categoryOfLine.Where(pair => pair.Value == category).Select(pair => pair.Key).ToHashSet();
    var leaks = cases.First(c => c.Category == category).Leaks;
    var marked = categoryLines.Count(leakLines.Contains);
    var cells = rules.Select(rule =>
    {
        var hits = flaggedLines[rule].Count(line => categoryLines.Contains(line) && (!leaks || leakLines.Contains(line)));
        return leaks ? $"{hits}/{marked}" : hits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });
    Console.WriteLine($"| {category} | {(leaks ? "yes" : "no")} | " + string.Join(" | ", cells) + " |");
}

return 0;
