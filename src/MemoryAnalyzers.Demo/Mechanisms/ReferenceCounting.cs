using System.Collections.Generic;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.CPython;

namespace MemoryAnalyzers.Demo.Mechanisms
{
    /// <summary>The tutorial's §2.1 and §2.2 on the simulated CPython heap: reference counts, and a cycle they cannot free.</summary>
    internal static class ReferenceCounting
    {
        public static IReadOnlyList<Block> RefCountWalkthrough()
        {
            var py = HeapSimulator.CreateCPython();
            var rows = new List<IReadOnlyList<string>>();
            var a = py.NewList();
            py.StoreLocal("a", a);
            py.Release(a);
            var first = py.GetRefCount(a);
            rows.Add(new[] { "a = []", "sys.getrefcount(a)", first.ToString() });
            py.StoreLocal("b", a);
            var second = py.GetRefCount(a);
            rows.Add(new[] { "b = a", "sys.getrefcount(a)", second.ToString() });
            py.DeleteLocal("b");
            var third = py.GetRefCount(a);
            rows.Add(new[] { "del b", "sys.getrefcount(a)", third.ToString() });
            py.DeleteLocal("a");
            rows.Add(new[] { "del a", "list alive?", py.IsAlive(a) ? "yes" : "no: freed at once" });

            return new Block[]
            {
                new TextBlock("Every name bound to an object adds one to its reference count; sys.getrefcount adds one more for its own argument. At zero the object is freed immediately."),
                new TableBlock("The tutorial's example on the simulated CPython heap", new[] { "statement", "query", "result" }, rows),
                new VerdictBlock($"sys.getrefcount printed {first}, {second}, {third}; after 'del a' the list was {(py.IsAlive(a) ? "still alive" : "freed without a collection")}"),
            };
        }

        public static IReadOnlyList<Block> Cycle()
        {
            var py = HeapSimulator.CreateCPython();
            var rows = new List<IReadOnlyList<string>>();
            void Row(string step) => rows.Add(new[] { step, Format.Count(py.LiveObjects), Format.Bytes(py.LiveBytes) });

            var a = py.NewList();
            py.StoreLocal("a", a);
            py.Release(a);
            var b = py.NewList();
            py.StoreLocal("b", b);
            py.Release(b);
            Row("a = []; b = []");
            py.Append(a, b);
            py.Append(b, a);
            Row("a.append(b); b.append(a)");
            py.DeleteLocal("a");
            py.DeleteLocal("b");
            Row("del a; del b");
            var leaked = py.LiveObjects;
            var found = py.Collect();
            Row($"gc.collect() -> {found}");

            return new Block[]
            {
                new TextBlock("Two lists that hold each other keep each other's count above zero: reference counting alone never frees them. The cycle collector finds groups that only reference each other."),
                new TableBlock("The tutorial's cycle on the simulated CPython heap", new[] { "step", "live objects", "live bytes" }, rows),
                new VerdictBlock($"after 'del a; del b' {leaked} objects were still alive; gc.collect() found {found} unreachable objects and left {py.LiveObjects}"),
            };
        }
    }
}
