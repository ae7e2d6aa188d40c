using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>The compiler alone (the baseline) against the compiler with every MemoryAnalyzers rule, on each corpus.</summary>
    [MemoryDiagnoser]
    public class AnalyzerOverheadBenchmarks
    {
        private CorpusCompilation _corpus = null!;

        [Params(CorpusKind.ValidCode, CorpusKind.Realistic, CorpusKind.HugeMethod, CorpusKind.LongExpression)]
        public CorpusKind Corpus { get; set; }

        [GlobalSetup]
        public void Setup() => _corpus = new CorpusCompilation(CodeCorpus.Get(Corpus));

        [Benchmark(Baseline = true)]
        public int Compiler() => _corpus.Compile().Length;

        [Benchmark]
        public int CompilerAndAllAnalyzers() => _corpus.CompileAndAnalyze(CorpusCompilation.AllAnalyzers).Length;
    }

    /// <summary>
    /// One analyzer at a time (NetAnalyzers' practice): on valid code, where it reports nothing, and on the realistic
    /// corpus, where it reports.
    /// </summary>
    [MemoryDiagnoser]
    public class PerAnalyzerBenchmarks
    {
        private CorpusCompilation _corpus = null!;
        private ImmutableArray<DiagnosticAnalyzer> _analyzer;

        public static IEnumerable<string> AnalyzerNames => CorpusCompilation.AllAnalyzers.Select(a => a.GetType().Name);

        [ParamsSource(nameof(AnalyzerNames))]
        public string Analyzer { get; set; } = "";

        [Params(CorpusKind.ValidCode, CorpusKind.Realistic)]
        public CorpusKind Corpus { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _corpus = new CorpusCompilation(CodeCorpus.Get(Corpus));
            _analyzer = CorpusCompilation.AllAnalyzers.Where(a => a.GetType().Name == Analyzer).ToImmutableArray();
        }

        [Benchmark]
        public int CompilerAndAnalyzer() => _corpus.CompileAndAnalyze(_analyzer).Length;
    }
}
