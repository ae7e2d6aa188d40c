using System.Collections.Generic;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.DotNet;

namespace MemoryAnalyzers.Demo.Simulation
{
    /// <summary>Each rule's scenario replayed on the simulated .NET heap, original against fixed.</summary>
    internal static class RuleSimulations
    {
        /// <summary>MEM001: n appends of a short piece, by <c>+=</c> and by a StringBuilder.</summary>
        public static IReadOnlyList<Block> StringConcatenation(int n)
        {
            const int PieceLength = 12; // "item 1234, "
            var original = SimulatedRun.Of("string +=", heap =>
            {
                Store(heap, "report", heap.NewString(0));
                for (var i = 0; i < n; i++)
                {
                    var piece = heap.NewString(PieceLength);
                    var next = heap.Concat(heap.LoadLocal("report"), piece);
                    heap.Release(piece);
                    Store(heap, "report", next);
                }
            });
            var withBuilder = SimulatedRun.Of("StringBuilder", heap =>
            {
                Store(heap, "builder", heap.NewStringBuilder());
                for (var i = 0; i < n; i++)
                {
                    heap.Append(heap.LoadLocal("builder"), PieceLength);
                }

                Store(heap, "report", heap.BuilderToString(heap.LoadLocal("builder")));
            });
            return SimulatedRun.Compare($"The same {Format.Count(n)} appends on the simulated .NET heap", original, withBuilder);
        }

        /// <summary>Stores a new object in a local and drops the allocation's temporary reference.</summary>
        private static void Store(IDotNetHeap heap, string local, ObjectId value)
        {
            heap.StoreLocal(local, value);
            heap.Release(value);
        }
    }
}
