using BenchmarkDotNet.Attributes;
using MemoryAnalyzers.Profiling;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>The allocation-heavy workload without and with an <see cref="AllocationSampler"/> listening.</summary>
    [MemoryDiagnoser]
    public class AllocationSamplerBenchmarks
    {
        private AllocationSampler? _sampler;

        [Params(false, true)]
        public bool Sampling { get; set; }

        [GlobalSetup]
        public void Setup() => _sampler = Sampling ? AllocationSampler.Start() : null;

        [GlobalCleanup]
        public void Cleanup() => _sampler?.Dispose();

        [Benchmark]
        public int Workload() => ProfilingWorkload.Run();
    }
}
