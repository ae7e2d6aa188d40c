using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>
    /// A CPython 3.11-style heap: reference counting with immediate deallocation, a generational cycle collector for
    /// container objects, and pymalloc underneath.
    /// </summary>
    /// <remarks>
    /// Objects are freed the moment their <see cref="ISimHeap.ReferenceCount"/> reaches zero; cycles are freed only by
    /// the collector. Only types with <see cref="SimType.IsContainer"/> may hold references and are tracked by it.
    /// </remarks>
    public interface ICPythonHeap : ISimHeap
    {
        /// <summary>pymalloc geometry in use.</summary>
        ObmallocProfile Profile { get; }

        /// <summary>
        /// <c>sys.getrefcount(obj)</c>: the reference count plus one for the call's own argument, so <c>a = []</c>
        /// reports 2.
        /// </summary>
        int GetRefCount(ObjectId obj);

        /// <summary>
        /// Allocates a variable-size object whose items live in a separate buffer (a list's item array, a dict's
        /// table): two pymalloc requests, <paramref name="headerSize"/> and <paramref name="bufferSize"/>. Returns a
        /// temporary reference, like <see cref="ISimHeap.Allocate"/>.
        /// </summary>
        ObjectId AllocateWithBuffer(SimType type, int headerSize, int bufferSize, int slotCount);

        /// <summary>Reallocates an object's buffer and sets its slot count; references in dropped slots are released.</summary>
        void ResizeBuffer(ObjectId obj, int bufferSize, int slotCount);

        /// <summary>
        /// Reallocates an object that holds its data inline (a str) to <paramref name="size"/> bytes, as
        /// <c>PyObject_Realloc</c> does: same pymalloc block while the size class stays, else a new block and the old one
        /// freed at once. The object keeps its identity and its references.
        /// </summary>
        void ResizeObject(ObjectId obj, int size);

        /// <summary><c>gc.get_count()</c>.</summary>
        (int Gen0, int Gen1, int Gen2) GetCount();

        /// <summary><c>gc.get_threshold()</c>.</summary>
        (int Gen0, int Gen1, int Gen2) GetThreshold();

        /// <summary><c>gc.set_threshold()</c>.</summary>
        void SetThreshold(int gen0, int gen1 = 10, int gen2 = 10);

        /// <summary><c>gc.disable()</c>: stops automatic collections; <see cref="ISimHeap.Collect"/> still works.</summary>
        void Disable();

        /// <summary><c>gc.enable()</c>.</summary>
        void Enable();

        /// <summary><c>gc.isenabled()</c>.</summary>
        bool IsEnabled { get; }

        /// <summary><c>gc.get_stats()</c>, one entry per generation.</summary>
        IReadOnlyList<GcGenerationStats> GetStats();

        /// <summary>Number of container objects tracked in a generation (<c>len(gc.get_objects(generation))</c>).</summary>
        int TrackedCount(int generation);

        /// <summary>A snapshot of pymalloc's arenas, pools and blocks.</summary>
        PyMallocStats MallocStats();

        /// <summary>The text <c>sys._debugmallocstats()</c> would print for this heap.</summary>
        string DebugMallocStats();
    }
}
