using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// A simulated managed heap: objects with a type, a size and reference slots, plus roots (stack frames with named
    /// locals, globals, handles and the temporaries a running statement holds).
    /// </summary>
    /// <remarks>
    /// Ownership: <see cref="Allocate"/> returns a new <em>temporary</em> reference owned by the caller, like a value on
    /// an interpreter's evaluation stack; it keeps the object alive until <see cref="Release"/>. Storing a reference
    /// (locals, globals, slots, handles) adds a reference and never consumes the temporary.
    /// Invariants: <see cref="LiveBytes"/> is the sum of <see cref="SizeOf"/> over live objects; a reachable object is
    /// never freed; every public operation advances <see cref="Clock"/> by one; nothing depends on wall time.
    /// </remarks>
    public interface ISimHeap
    {
        /// <summary>Logical clock: the number of operations performed so far.</summary>
        long Clock { get; }

        /// <summary>Bytes of all objects not yet freed (reachable or not).</summary>
        long LiveBytes { get; }

        /// <summary>Number of objects not yet freed.</summary>
        int LiveObjects { get; }

        /// <summary>
        /// Bytes of the objects reachable from the roots right now: a mark that changes nothing (no collection, no
        /// promotion), costing one visit per reachable object. <see cref="LiveBytes"/> minus this is garbage not yet collected.
        /// </summary>
        long ReachableBytes();

        /// <summary>Highest <see cref="LiveBytes"/> seen so far.</summary>
        long PeakLiveBytes { get; }

        /// <summary>Total bytes ever allocated (like <c>GC.GetTotalAllocatedBytes</c>).</summary>
        long TotalAllocatedBytes { get; }

        /// <summary>Memory the process would hold for this heap (CPython: arenas plus large blocks; .NET: live bytes).</summary>
        long FootprintBytes { get; }

        /// <summary>Number of garbage collections run, of all generations.</summary>
        int TotalCollections { get; }

        /// <summary>Allocates an object and returns a temporary reference to it that the caller must <see cref="Release"/>.</summary>
        /// <param name="type">Object type.</param>
        /// <param name="size">Size in bytes as the runtime reports it (see the heap's size model).</param>
        /// <param name="slotCount">Number of reference slots, initially null.</param>
        ObjectId Allocate(SimType type, int size, int slotCount = 0);

        /// <summary>Drops one temporary reference obtained from <see cref="Allocate"/> or <see cref="Hold"/>.</summary>
        void Release(ObjectId obj);

        /// <summary>Takes an extra temporary reference to an object (e.g. a function argument being evaluated).</summary>
        void Hold(ObjectId obj);

        /// <summary>Stores <paramref name="target"/> (or null) in reference slot <paramref name="slot"/> of <paramref name="holder"/>.</summary>
        void SetReference(ObjectId holder, int slot, ObjectId target);

        /// <summary>The object referenced by a slot, or <see cref="ObjectId.Null"/>.</summary>
        ObjectId GetReference(ObjectId holder, int slot);

        /// <summary>Number of reference slots of an object.</summary>
        int SlotCount(ObjectId obj);

        /// <summary>Pushes a stack frame; its locals are released by <see cref="LeaveFrame"/>.</summary>
        void EnterFrame(string name);

        /// <summary>Pops the innermost stack frame and drops all its locals.</summary>
        void LeaveFrame();

        /// <summary>Assigns a local of the innermost frame (module level when no frame was entered).</summary>
        void StoreLocal(string name, ObjectId value);

        /// <summary>Deletes a local (Python's <c>del name</c>); returns false when it did not exist.</summary>
        bool DeleteLocal(string name);

        /// <summary>The object a local refers to, or <see cref="ObjectId.Null"/>.</summary>
        ObjectId LoadLocal(string name);

        /// <summary>Assigns a global (a module global or a static field).</summary>
        void StoreGlobal(string name, ObjectId value);

        /// <summary>Deletes a global; returns false when it did not exist.</summary>
        bool DeleteGlobal(string name);

        /// <summary>Creates an explicit strong handle (like <c>GCHandle.Alloc</c>) that roots the object until freed.</summary>
        int AllocHandle(ObjectId obj);

        /// <summary>Frees a handle created by <see cref="AllocHandle"/>.</summary>
        void FreeHandle(int handle);

        /// <summary>Runs a collection of <paramref name="generation"/> and all younger ones; returns the objects found unreachable.</summary>
        int Collect(int generation = 2);

        /// <summary>True when the handle refers to an object that has not been freed.</summary>
        bool IsAlive(ObjectId obj);

        /// <summary>Shallow size of an object in bytes.</summary>
        long SizeOf(ObjectId obj);

        /// <summary>Type of an object.</summary>
        SimType TypeOf(ObjectId obj);

        /// <summary>
        /// Number of references held to the object: from slots of other live objects and from roots (locals, globals,
        /// handles, temporaries). The CPython model frees an object when this reaches zero.
        /// </summary>
        int ReferenceCount(ObjectId obj);

        /// <summary>Generation of an object (0 = youngest); the .NET model reports large-object-heap objects as 2.</summary>
        int GenerationOf(ObjectId obj);

        /// <summary>All live objects, in table order. Allocates; meant for views and tests, not hot paths.</summary>
        IReadOnlyList<ObjectId> LiveObjectIds();

        /// <summary>All root references, one entry per reference (a value stored in two locals appears twice).</summary>
        IReadOnlyList<ObjectId> RootReferences();

        /// <summary>Attaches an observer that receives every subsequent event.</summary>
        void Subscribe(IHeapObserver observer);

        /// <summary>Detaches an observer.</summary>
        void Unsubscribe(IHeapObserver observer);
    }
}
