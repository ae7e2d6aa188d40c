using System;
using AntiPatterns;

// Build this project to see every MemoryAnalyzers rule report on real code:
//   dotnet build samples/AntiPatterns
// Each place a rule reports is marked with a "// MEMnnn" comment.
var items = new[] { "alpha", "beta", "gamma" };
Console.WriteLine(StringConcatenation.Report(items));
Console.WriteLine(StringConcatenation.Numbers(5));
EagerCollections.PrintLong(items);
