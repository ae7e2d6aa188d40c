using System;
using BenchmarkDotNet.Running;
using MemoryAnalyzers.Benchmarks;

// dotnet run -c Release --project benchmarks/MemoryAnalyzers.Benchmarks -- overhead [runs] [--corpus <folder>]
//     budget check (share of compile time) on the generated bodies, and on the real-code corpus when its folder is given
// dotnet run -c Release --project benchmarks/MemoryAnalyzers.Benchmarks -- profiling [runs]
//     what each capability of MemoryAnalyzers.Profiling costs (docs/profiling.md)
// dotnet run -c Release --project benchmarks/MemoryAnalyzers.Benchmarks -- --filter '*'  BenchmarkDotNet runs
if (args.Length > 0 && args[0] == "overhead")
{
    var corpusAt = Array.IndexOf(args, "--corpus");
    var corpus = corpusAt > 0 && corpusAt + 1 < args.Length ? args[corpusAt + 1] : null;
    var repetitions = args.Length > 1 && corpusAt != 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return OverheadReport.Run(repetitions, corpus);
}

if (args.Length > 0 && args[0] == "profiling")
{
    return ProfilingCostReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerOverheadBenchmarks).Assembly).Run(args);
return 0;
