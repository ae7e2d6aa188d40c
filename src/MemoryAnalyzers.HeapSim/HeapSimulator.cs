using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>Entry point: creates simulated heaps. Each heap is single-threaded and owned by its caller.</summary>
    public static class HeapSimulator
    {
        /// <summary>Creates a CPython 3.11-style heap on the given pymalloc geometry (default <see cref="ObmallocProfile.Modern"/>).</summary>
        public static ICPythonHeap CreateCPython(ObmallocProfile? profile = null) => new CPythonHeap(profile ?? ObmallocProfile.Modern);

        /// <summary>Creates a .NET-style generational heap (default <see cref="DotNetGcSettings.Default"/>).</summary>
        public static IDotNetHeap CreateDotNet(DotNetGcSettings? settings = null) => new DotNetHeap(settings ?? DotNetGcSettings.Default);
    }
}
