namespace MemoryAnalyzers.HeapSim
{
    /// <summary>What happened in a <see cref="HeapEvent"/>.</summary>
    public enum HeapEventKind
    {
        /// <summary>An object was allocated.</summary>
        Allocated,
        /// <summary>An object was freed (refcount reached zero, or a collector reclaimed it).</summary>
        Freed,
        /// <summary>A garbage collection of <see cref="HeapEvent.Generation"/> finished.</summary>
        Collected,
    }

    /// <summary>One observable step of a heap. Events are values; observers must not keep references into the heap.</summary>
    /// <param name="Kind">What happened.</param>
    /// <param name="Clock">Logical clock of the heap when the event was raised.</param>
    /// <param name="Object">The object allocated or freed; <see cref="ObjectId.Null"/> for collections.</param>
    /// <param name="Type">Type of the object; null for collections.</param>
    /// <param name="Size">Bytes allocated or freed; for collections, the bytes reclaimed.</param>
    /// <param name="Generation">Generation of the object or of the collection.</param>
    /// <param name="Count">For collections, the number of objects found unreachable; otherwise 0.</param>
    /// <param name="LiveBytes">Live bytes of the heap after the event.</param>
    public readonly record struct HeapEvent(
        HeapEventKind Kind, long Clock, ObjectId Object, SimType? Type, long Size, int Generation, int Count, long LiveBytes);

    /// <summary>
    /// Receives the events of a heap. Observation is separate from the heap logic: the heap never reads anything back
    /// from an observer, so attaching one cannot change a simulation's outcome.
    /// </summary>
    public interface IHeapObserver
    {
        /// <summary>Called synchronously after each event.</summary>
        void OnEvent(in HeapEvent heapEvent);
    }
}
