using BenchmarkDotNet.Attributes;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>
    /// MEM014's effect (docs/rules/MEM014.md): a running total kept in a field, which the JIT loads and stores on every
    /// iteration, against the same total kept in a local and stored once after the loop.
    /// </summary>
    [MemoryDiagnoser]
    public class FieldInLoopBenchmarks
    {
        private int[] _values = System.Array.Empty<int>();
        private long _total;

        [Params(1_000, 100_000)]
        public int Count { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _values = new int[Count];
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = i % 97;
            }
        }

        [Benchmark(Baseline = true)]
        public long Field()
        {
            _total = 0;
            var values = _values;
            for (var i = 0; i < values.Length; i++)
            {
                _total += values[i];
            }

            return _total;
        }

        [Benchmark]
        public long Local()
        {
            _total = 0;
            var values = _values;
            var total = _total;
            for (var i = 0; i < values.Length; i++)
            {
                total += values[i];
            }

            _total = total;
            return _total;
        }
    }
}
