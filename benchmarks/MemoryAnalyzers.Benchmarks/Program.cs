using System;
using BenchmarkDotNet.Running;
using MemoryAnalyzers.Benchmarks;

// dotnet run -c Release --project benchmarks/MemoryAnalyzers.Benchmarks -- overhead      budget check (share of compile time)
// dotnet run -c Release --project benchmarks/MemoryAnalyzers.Benchmarks -- --filter '*'  BenchmarkDotNet runs
if (args.Length > 0 && args[0] == "overhead")
{
    var repetitions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return OverheadReport.Run(repetitions);
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerOverheadBenchmarks).Assembly).Run(args);
return 0;
