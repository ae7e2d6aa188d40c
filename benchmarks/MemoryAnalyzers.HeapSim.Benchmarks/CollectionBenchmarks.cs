using BenchmarkDotNet.Attributes;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;

namespace MemoryAnalyzers.HeapSim.Benchmarks
{
    /// <summary>
    /// A full collection of a 1,000,000-object heap: 500,000 objects reachable through a chain from a global and
    /// 250,000 garbage two-object cycles. The heap is rebuilt before every iteration, with automatic collection off
    /// (CPython) or budgets too large to trigger (.NET), so all 1,000,000 objects are there when Collect(2) runs.
    /// </summary>
    public class CollectionBenchmarks
    {
        private const int Objects = 1_000_000;
        private static readonly DotNetGcSettings NoAutomaticCollection = new(long.MaxValue / 4, long.MaxValue / 4, long.MaxValue / 4, long.MaxValue / 4, 85_000);
        private ISimHeap _heap = null!;

        [Params("cpython", "dotnet")]
        public string Runtime { get; set; } = "cpython";

        [IterationSetup]
        public void Build()
        {
            ISimHeap heap = Runtime == "cpython" ? HeapSimulator.CreateCPython() : HeapSimulator.CreateDotNet(NoAutomaticCollection);
            if (heap is ICPythonHeap python)
            {
                python.Disable();
            }

            SimType node = PyTypes.List;
            ObjectId head = heap.Allocate(node, 64, 1);
            heap.StoreGlobal("head", head);
            heap.Release(head);
            ObjectId previous = head;
            for (int i = 1; i < Objects / 2; i++)
            {
                ObjectId next = heap.Allocate(node, 64, 1);
                heap.SetReference(previous, 0, next);
                heap.Release(next);
                previous = next;
            }

            for (int i = 0; i < Objects / 4; i++)
            {
                ObjectId a = heap.Allocate(node, 64, 1);
                ObjectId b = heap.Allocate(node, 64, 1);
                heap.SetReference(a, 0, b);
                heap.SetReference(b, 0, a);
                heap.Release(a);
                heap.Release(b);
            }

            _heap = heap;
        }

        [Benchmark]
        public int Full_collection_of_one_million_objects()
        {
            int unreachable = _heap.Collect(2);
            if (unreachable != Objects / 2 || _heap.LiveObjects != Objects / 2)
            {
                throw new System.InvalidOperationException($"expected {Objects / 2} unreachable, found {unreachable}");
            }

            return unreachable;
        }
    }
}
