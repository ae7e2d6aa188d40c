using BenchmarkDotNet.Attributes;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;

namespace MemoryAnalyzers.HeapSim.Benchmarks
{
    /// <summary>Simulated allocations per second; each invocation performs <see cref="Operations"/> operations.</summary>
    [MemoryDiagnoser]
    public class AllocationBenchmarks
    {
        private const int Operations = 1_000_000;
        private ICPythonHeap _python = null!;
        private IDotNetHeap _dotnet = null!;
        private ObjectId[] _survivors = null!;

        [GlobalSetup]
        public void Setup()
        {
            _python = HeapSimulator.CreateCPython();
            _dotnet = HeapSimulator.CreateDotNet();
            _survivors = new ObjectId[1024];
        }

        /// <summary>CPython model: allocate a float and drop it, so reference counting frees it at once (2 operations).</summary>
        [Benchmark(OperationsPerInvoke = Operations)]
        public void CPython_allocate_and_free_small_object()
        {
            ICPythonHeap heap = _python;
            for (int i = 0; i < Operations; i++)
            {
                heap.Release(heap.Allocate(PyTypes.Float, CPythonSizes.Float));
            }
        }

        /// <summary>.NET model: small objects, one in 1,024 kept alive by a global for a while; gen0 collections do the freeing.</summary>
        [Benchmark(OperationsPerInvoke = Operations)]
        public void DotNet_gen0_heavy_allocation()
        {
            IDotNetHeap heap = _dotnet;
            for (int i = 0; i < Operations; i++)
            {
                ObjectId o = heap.Allocate(ClrTypes.Object, 24);
                if ((i & 1023) == 0)
                {
                    heap.StoreGlobal("survivor", o);
                }

                heap.Release(o);
            }
        }
    }
}
