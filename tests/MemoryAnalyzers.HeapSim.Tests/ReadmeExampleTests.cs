using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;
using MemoryAnalyzers.HeapSim.Profiling;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests;

/// <summary>The example pasted in the README, kept compiling and true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_example()
    {
        // --- README example start ---
        // CPython: reference counting, a cycle, and the cycle collector.
        ICPythonHeap py = HeapSimulator.CreateCPython();
        ObjectId a = py.NewList();
        py.StoreLocal("a", a);                       // a = []
        py.Release(a);                               // the allocation's temporary is gone
        int refs = py.GetRefCount(a);                // sys.getrefcount(a) == 2

        ObjectId b = py.NewList();
        py.StoreLocal("b", b);
        py.Release(b);
        py.Append(a, b);                             // a.append(b)
        py.Append(b, a);                             // b.append(a)
        py.DeleteLocal("a");                         // del a
        py.DeleteLocal("b");                         // del b: refcounts stay at 1, the cycle leaks
        int freed = py.Collect();                    // gc.collect() == 2

        // .NET: string concatenation in a loop vs. StringBuilder.
        IDotNetHeap clr = HeapSimulator.CreateDotNet();
        Timeline timeline = Timeline.Attach(clr);
        ObjectId s = clr.NewString(0);
        for (int i = 0; i < 1_000; i++)
        {
            ObjectId next = clr.Concat(s, clr.NewString(1));
            clr.Release(s);                          // old string becomes garbage
            s = next;
        }

        long concatBytes = clr.TotalAllocatedBytes;
        ObjectId sb = clr.NewStringBuilder();
        for (int i = 0; i < 1_000; i++)
        {
            clr.Append(sb, 1);
        }

        long builderBytes = clr.TotalAllocatedBytes - concatBytes;
        string svg = timeline.RenderSvg(title: "s += \"x\" vs StringBuilder");
        // --- README example end ---

        Assert.Equal(2, refs);
        Assert.Equal(2, freed);
        Assert.True(concatBytes > 1_000_000, $"{concatBytes}");
        Assert.Equal(2552, builderBytes);
        Assert.True(clr.CollectionCount(0) > 0);
        Assert.StartsWith("<svg", svg);
    }
}
