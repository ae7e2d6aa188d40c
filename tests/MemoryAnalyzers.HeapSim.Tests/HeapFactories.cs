using System;
using System.Collections.Generic;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>Every heap implementation, for contract tests run against all of them.</summary>
    public static class HeapFactories
    {
        public static SimType Node { get; } = new("Node", true);

        public static SimType Leaf { get; } = new("Leaf", false);

        public static IEnumerable<object[]> All()
        {
            yield return [new HeapFactory("cpython-modern", () => HeapSimulator.CreateCPython())];
            yield return [new HeapFactory("cpython-tutorial", () => HeapSimulator.CreateCPython(ObmallocProfile.Tutorial))];
            yield return [new HeapFactory("dotnet", () => HeapSimulator.CreateDotNet())];
            yield return [new HeapFactory("dotnet-tiny-budgets", () => HeapSimulator.CreateDotNet(new DotNetGcSettings(256, 512, 1024, 4096, 85_000)))];
        }
    }

    /// <summary>Named factory so xunit shows which heap a case ran against.</summary>
    public sealed class HeapFactory(string name, Func<ISimHeap> create)
    {
        public ISimHeap Create() => create();

        public override string ToString() => name;
    }
}
