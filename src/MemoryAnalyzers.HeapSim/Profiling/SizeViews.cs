using System.Collections.Generic;
using System.Globalization;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>Per-object size views: <c>sys.getsizeof</c> and pympler's <c>asizeof</c>.</summary>
    public static class SizeViews
    {
        /// <summary>Shallow size: the object alone, not what it references (<c>sys.getsizeof</c>).</summary>
        public static long ShallowSize(ISimHeap heap, ObjectId obj) => heap.SizeOf(obj);

        /// <summary>Deep size: the object and everything reachable from it, each object counted once (<c>asizeof</c>).</summary>
        public static long DeepSize(ISimHeap heap, ObjectId obj)
        {
            var seen = new HashSet<ObjectId> { obj };
            var work = new Stack<ObjectId>();
            work.Push(obj);
            long total = 0;
            while (work.Count > 0)
            {
                ObjectId current = work.Pop();
                total += heap.SizeOf(current);
                int slots = heap.SlotCount(current);
                for (int i = 0; i < slots; i++)
                {
                    ObjectId target = heap.GetReference(current, i);
                    if (!target.IsNull && seen.Add(target))
                    {
                        work.Push(target);
                    }
                }
            }

            return total;
        }

        /// <summary>Both sizes of an object as aligned text, the way the tutorial prints getsizeof next to asizeof.</summary>
        public static string Render(ISimHeap heap, ObjectId obj) => string.Create(
            CultureInfo.InvariantCulture,
            $"{"type",-10} {heap.TypeOf(obj).Name}\n{"getsizeof",-10} {ShallowSize(heap, obj),12} bytes\n{"asizeof",-10} {DeepSize(heap, obj),12} bytes\n");
    }
}
