using System;
using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// Mechanics both heaps share: identity, slots, roots, reference counts (kept exact in both models), the clock and
    /// event delivery. Policy (when to free, when to collect, how memory is carved) lives in the sealed subclasses.
    /// </summary>
    internal abstract class SimHeapBase : ISimHeap
    {
        private IHeapObserver[] _observers = Array.Empty<IHeapObserver>();

        protected ObjectTable Table { get; } = new();

        protected RootSet Roots { get; } = new();

        public long Clock { get; private set; }

        protected void AdvanceClock() => Clock++;

        public long LiveBytes => Table.LiveBytes;

        public int LiveObjects => Table.LiveCount;

        public long PeakLiveBytes { get; private set; }

        public long TotalAllocatedBytes { get; private set; }

        public abstract long FootprintBytes { get; }

        public int TotalCollections { get; protected set; }

        protected bool HasObservers => _observers.Length != 0;

        public ObjectId Allocate(SimType type, int size, int slotCount = 0)
        {
            ArgumentNullException.ThrowIfNull(type);
            ArgumentOutOfRangeException.ThrowIfNegative(size);
            ArgumentOutOfRangeException.ThrowIfNegative(slotCount);
            Clock++;
            int index = AllocateCore(type, size, slotCount);
            Table[index].RefCount = 1;
            PushTemporary(index);
            return Table.IdOf(index);
        }

        private readonly IntStack _temporaries = new();

        private void PushTemporary(int index)
        {
            ref ObjectRecord r = ref Table[index];
            if (r.TempCount++ == 0)
            {
                r.TempPosition = _temporaries.Count;
                _temporaries.Push(index);
            }
        }

        private bool PopTemporary(int index)
        {
            ref ObjectRecord r = ref Table[index];
            if (r.TempCount == 0)
            {
                return false;
            }

            if (--r.TempCount == 0)
            {
                int last = _temporaries.Pop();
                if (last != index)
                {
                    _temporaries.Set(r.TempPosition, last);
                    Table[last].TempPosition = r.TempPosition;
                }
            }

            return true;
        }

        /// <summary>Visits every root reference: named roots, handles, then each temporary as many times as it is held.</summary>
        protected void ForEachRoot<TVisitor>(ref TVisitor visitor)
            where TVisitor : struct, IIndexVisitor
        {
            Roots.ForEach(ref visitor);
            for (int i = 0; i < _temporaries.Count; i++)
            {
                int index = _temporaries[i];
                for (int k = Table[index].TempCount; k > 0; k--)
                {
                    visitor.Visit(index);
                }
            }
        }

        // Marks of ReachableBytes, by epoch, so that a mark costs the objects it visits and not the table's size.
        private int[] _reachableMarks = [];
        private int _reachableEpoch;
        private readonly IntStack _reachableWork = new();

        public long ReachableBytes()
        {
            if (_reachableMarks.Length < Table.HighWater)
            {
                Array.Resize(ref _reachableMarks, Math.Max(Table.HighWater, 2 * _reachableMarks.Length));
            }

            _reachableEpoch++;
            var marker = new ReachableMarker { Marks = _reachableMarks, Epoch = _reachableEpoch, Work = _reachableWork };
            ForEachRoot(ref marker);
            long bytes = 0;
            int[] slots = Table.SlotData;
            while (_reachableWork.Count > 0)
            {
                ref ObjectRecord r = ref Table[_reachableWork.Pop()];
                bytes += r.Size;
                for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
                {
                    if (slots[s] >= 0)
                    {
                        marker.Visit(slots[s]);
                    }
                }
            }

            return bytes;
        }

        private struct ReachableMarker : IIndexVisitor
        {
            public int[] Marks;
            public int Epoch;
            public IntStack Work;

            public readonly void Visit(int index)
            {
                if (Marks[index] != Epoch)
                {
                    Marks[index] = Epoch;
                    Work.Push(index);
                }
            }
        }

        /// <summary>Creates the object record and does the policy's bookkeeping; called with the clock already advanced.</summary>
        protected abstract int AllocateCore(SimType type, int size, int slotCount);

        /// <summary>Records an allocation in the statistics and tells observers.</summary>
        protected void NoteAllocated(int index)
        {
            ref ObjectRecord r = ref Table[index];
            TotalAllocatedBytes += r.Size;
            if (Table.LiveBytes > PeakLiveBytes)
            {
                PeakLiveBytes = Table.LiveBytes;
            }

            if (_observers.Length != 0)
            {
                Raise(new HeapEvent(HeapEventKind.Allocated, Clock, Table.IdOf(index), r.Type, r.Size, GenerationOf(index), 0, Table.LiveBytes));
            }
        }

        /// <summary>Records a size change (a buffer that grew) in the statistics.</summary>
        protected void NoteResized(int index, int newSize)
        {
            int delta = newSize - Table[index].Size;
            Table.Resize(index, newSize);
            if (delta > 0)
            {
                TotalAllocatedBytes += delta;
            }

            if (Table.LiveBytes > PeakLiveBytes)
            {
                PeakLiveBytes = Table.LiveBytes;
            }
        }

        /// <summary>Frees a record whose slots are already cleared, and tells observers.</summary>
        protected void FreeRecord(int index)
        {
            ref ObjectRecord r = ref Table[index];
            if (_observers.Length != 0)
            {
                var freed = new HeapEvent(HeapEventKind.Freed, Clock, Table.IdOf(index), r.Type, r.Size, GenerationOf(index), 0, Table.LiveBytes - r.Size);
                Table.Free(index);
                Raise(freed);
                return;
            }

            Table.Free(index);
        }

        protected void RaiseCollected(int generation, int unreachable, long bytes)
        {
            TotalCollections++;
            if (_observers.Length != 0)
            {
                Raise(new HeapEvent(HeapEventKind.Collected, Clock, ObjectId.Null, null, bytes, generation, unreachable, Table.LiveBytes));
            }
        }

        private void Raise(in HeapEvent e)
        {
            foreach (IHeapObserver observer in _observers)
            {
                observer.OnEvent(e);
            }
        }

        protected void AddRef(int index) => Table[index].RefCount++;

        protected void DropRef(int index)
        {
            if (--Table[index].RefCount == 0)
            {
                OnUnreferenced(index);
            }
        }

        /// <summary>Called when no reference to the object remains. CPython frees it; a tracing collector waits.</summary>
        protected abstract void OnUnreferenced(int index);

        /// <summary>Write barrier: called after a reference to <paramref name="target"/> is stored in <paramref name="holder"/>.</summary>
        protected virtual void OnReferenceStored(int holder, int target)
        {
        }

        protected int Resolve(ObjectId id)
        {
            if (!Table.IsLive(id))
            {
                throw new ArgumentException($"Object {id} is not alive.", nameof(id));
            }

            return id.Index;
        }

        private int ResolveOrNull(ObjectId id) => id.IsNull ? -1 : Resolve(id);

        public void Release(ObjectId obj)
        {
            Clock++;
            int index = Resolve(obj);
            if (!PopTemporary(index))
            {
                throw new InvalidOperationException($"Object {obj} has no temporary reference to release.");
            }

            DropRef(index);
        }

        public void Hold(ObjectId obj)
        {
            Clock++;
            int index = Resolve(obj);
            AddRef(index);
            PushTemporary(index);
        }

        public void SetReference(ObjectId holder, int slot, ObjectId target)
        {
            Clock++;
            int h = Resolve(holder);
            int t = ResolveOrNull(target);
            StoreSlot(h, slot, t);
        }

        /// <summary>Stores an index in a slot, adjusting reference counts: the new target first, so self-assignment is safe.</summary>
        protected void StoreSlot(int holder, int slot, int target)
        {
            ref ObjectRecord r = ref Table[holder];
            if ((uint)slot >= (uint)r.SlotCount)
            {
                throw new ArgumentOutOfRangeException(nameof(slot), $"Object has {r.SlotCount} slots.");
            }

            int position = r.SlotOffset + slot;
            int old = Table.SlotData[position];
            if (target >= 0)
            {
                AddRef(target);
            }

            Table.SlotData[position] = target;
            if (target >= 0)
            {
                OnReferenceStored(holder, target);
            }

            if (old >= 0)
            {
                DropRef(old);
            }
        }

        protected int LoadSlot(int holder, int slot) => Table.SlotData[Table[holder].SlotOffset + slot];

        public ObjectId GetReference(ObjectId holder, int slot)
        {
            int h = Resolve(holder);
            if ((uint)slot >= (uint)Table[h].SlotCount)
            {
                throw new ArgumentOutOfRangeException(nameof(slot));
            }

            int t = LoadSlot(h, slot);
            return t < 0 ? ObjectId.Null : Table.IdOf(t);
        }

        public int SlotCount(ObjectId obj) => Table[Resolve(obj)].SlotCount;

        public void EnterFrame(string name)
        {
            Clock++;
            Roots.PushFrame(name);
        }

        public void LeaveFrame()
        {
            Clock++;
            Dictionary<string, int> locals = Roots.PopFrame();
            foreach (int index in locals.Values)
            {
                DropRef(index);
            }
        }

        public void StoreLocal(string name, ObjectId value) => StoreNamed(Roots.CurrentLocals, name, value);

        public bool DeleteLocal(string name) => DeleteNamed(Roots.CurrentLocals, name);

        public ObjectId LoadLocal(string name) =>
            Roots.CurrentLocals.TryGetValue(name, out int index) ? Table.IdOf(index) : ObjectId.Null;

        public void StoreGlobal(string name, ObjectId value) => StoreNamed(Roots.Globals, name, value);

        public bool DeleteGlobal(string name) => DeleteNamed(Roots.Globals, name);

        private void StoreNamed(Dictionary<string, int> scope, string name, ObjectId value)
        {
            Clock++;
            int index = Resolve(value);
            AddRef(index);
            bool hadOld = scope.TryGetValue(name, out int old);
            scope[name] = index;
            if (hadOld)
            {
                DropRef(old);
            }
        }

        private bool DeleteNamed(Dictionary<string, int> scope, string name)
        {
            Clock++;
            if (!scope.Remove(name, out int old))
            {
                return false;
            }

            DropRef(old);
            return true;
        }

        public int AllocHandle(ObjectId obj)
        {
            Clock++;
            int index = Resolve(obj);
            AddRef(index);
            return Roots.AddHandle(index);
        }

        public void FreeHandle(int handle)
        {
            Clock++;
            DropRef(Roots.RemoveHandle(handle));
        }

        public abstract int Collect(int generation = 2);

        public bool IsAlive(ObjectId obj) => Table.IsLive(obj);

        public long SizeOf(ObjectId obj) => Table[Resolve(obj)].Size;

        public SimType TypeOf(ObjectId obj) => Table[Resolve(obj)].Type!;

        public int ReferenceCount(ObjectId obj) => Table[Resolve(obj)].RefCount;

        public int GenerationOf(ObjectId obj) => GenerationOf(Resolve(obj));

        protected abstract int GenerationOf(int index);

        public IReadOnlyList<ObjectId> LiveObjectIds()
        {
            var ids = new List<ObjectId>(Table.LiveCount);
            for (int i = 0; i < Table.HighWater; i++)
            {
                if (Table.IsLive(i))
                {
                    ids.Add(Table.IdOf(i));
                }
            }

            return ids;
        }

        public IReadOnlyList<ObjectId> RootReferences()
        {
            var collector = new RootCollector { Ids = new List<ObjectId>(), Table = Table };
            ForEachRoot(ref collector);
            return collector.Ids;
        }

        private struct RootCollector : IIndexVisitor
        {
            public List<ObjectId> Ids;
            public ObjectTable Table;

            public readonly void Visit(int index) => Ids.Add(Table.IdOf(index));
        }

        public void Subscribe(IHeapObserver observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            _observers = [.. _observers, observer];
        }

        public void Unsubscribe(IHeapObserver observer) =>
            _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));

        /// <summary>Payload accessors for the operation layers.</summary>
        internal (int Length, int Aux) Payload(ObjectId obj)
        {
            ref ObjectRecord r = ref Table[Resolve(obj)];
            return (r.Length, r.Aux);
        }

        internal void SetPayload(ObjectId obj, int length, int aux)
        {
            ref ObjectRecord r = ref Table[Resolve(obj)];
            r.Length = length;
            r.Aux = aux;
        }
    }
}
