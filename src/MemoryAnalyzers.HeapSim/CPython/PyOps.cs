using System;
using System.Numerics;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>
    /// Python operations on a simulated CPython heap, allocating what CPython 3.11 allocates. Methods that create an
    /// object return a temporary reference the caller must release (or store and then release).
    /// </summary>
    public static class PyOps
    {
        /// <summary>An int object (no small-int cache: every call allocates).</summary>
        public static ObjectId NewInt(this ICPythonHeap heap, BigInteger value) => heap.Allocate(PyTypes.Int, CPythonSizes.Int(value));

        /// <summary>A float object.</summary>
        public static ObjectId NewFloat(this ICPythonHeap heap) => heap.Allocate(PyTypes.Float, CPythonSizes.Float);

        /// <summary>A str object holding <paramref name="text"/>.</summary>
        public static ObjectId NewStr(this ICPythonHeap heap, string text) => heap.NewStr(CPythonSizes.CodePoints(text), CPythonSizes.KindOf(text));

        /// <summary>A str object of <paramref name="length"/> code points of the given width.</summary>
        public static ObjectId NewStr(this ICPythonHeap heap, int length, StrKind kind)
        {
            ObjectId s = heap.Allocate(PyTypes.Str, CPythonSizes.Str(length, kind));
            HeapInternals.Of(heap).SetPayload(s, length, (int)kind);
            return s;
        }

        /// <summary><c>a + b</c> for two str objects: always a new object of the wider kind.</summary>
        public static ObjectId Concat(this ICPythonHeap heap, ObjectId a, ObjectId b)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            (int lengthA, int kindA) = h.Payload(a);
            (int lengthB, int kindB) = h.Payload(b);
            return heap.NewStr(lengthA + lengthB, (StrKind)Math.Max(kindA, kindB));
        }

        /// <summary>
        /// <c>s += piece</c> where <c>s</c> is a function's local, as CPython 3.11 runs it (<c>BINARY_OP_INPLACE_ADD_UNICODE</c>,
        /// then <c>PyUnicode_Append</c>): when the local holds the only reference to its str and the piece is no wider, the
        /// str is resized in place (<see cref="ICPythonHeap.ResizeObject"/>); otherwise a new str is made and stored in the
        /// local. Returns true when it was resized in place. Not modelled: the interned empty string and hashed strings,
        /// which CPython never resizes either, and module-level names (<c>STORE_NAME</c>), where 3.11 always makes a new str.
        /// </summary>
        public static bool ConcatenateIntoLocal(this ICPythonHeap heap, string local, ObjectId piece)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            ObjectId target = heap.LoadLocal(local);
            (int length, int kind) = h.Payload(target);
            (int pieceLength, int pieceKind) = h.Payload(piece);
            if (heap.ReferenceCount(target) == 1 && pieceKind <= kind)
            {
                heap.ResizeObject(target, CPythonSizes.Str(length + pieceLength, (StrKind)kind));
                h.SetPayload(target, length + pieceLength, kind);
                return true;
            }

            ObjectId result = heap.Concat(target, piece);
            heap.StoreLocal(local, result);
            heap.Release(result);
            return false;
        }

        /// <summary><c>(expr for x in xs)</c>: the generator object, alive while it is being consumed.</summary>
        public static ObjectId NewGenerator(this ICPythonHeap heap) => heap.Allocate(PyTypes.Generator, CPythonSizes.Generator);

        /// <summary><c>[]</c>.</summary>
        public static ObjectId NewList(this ICPythonHeap heap) => heap.AllocateWithBuffer(PyTypes.List, CPythonSizes.ListHeader, 0, 0);

        /// <summary><c>[item] * count</c>: the item array is allocated at exactly <paramref name="count"/> slots.</summary>
        public static ObjectId NewList(this ICPythonHeap heap, ObjectId item, int count)
        {
            ObjectId list = heap.AllocateWithBuffer(PyTypes.List, CPythonSizes.ListHeader, 8 * count, count);
            for (int i = 0; i < count; i++)
            {
                heap.SetReference(list, i, item);
            }

            HeapInternals.Of(heap).SetPayload(list, count, 0);
            return list;
        }

        /// <summary><c>list.append(item)</c>, growing the item array with CPython's over-allocation.</summary>
        public static void Append(this ICPythonHeap heap, ObjectId list, ObjectId item)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            int length = h.Payload(list).Length;
            int allocated = heap.SlotCount(list);
            if (length + 1 > allocated)
            {
                int grown = CPythonSizes.ListGrowth(length, allocated, length + 1);
                heap.ResizeBuffer(list, 8 * grown, grown);
            }

            heap.SetReference(list, length, item);
            h.SetPayload(list, length + 1, 0);
        }

        /// <summary><c>len(list)</c> (also the number of entries of a dict or set).</summary>
        public static int Len(this ICPythonHeap heap, ObjectId container) => HeapInternals.Of(heap).Payload(container).Length;

        /// <summary>A tuple of the given items.</summary>
        public static ObjectId NewTuple(this ICPythonHeap heap, params ReadOnlySpan<ObjectId> items) => heap.NewTupleOfType(PyTypes.Tuple, items);

        /// <summary>An instance of a namedtuple class: a tuple subclass, same size as the tuple.</summary>
        public static ObjectId NewNamedTuple(this ICPythonHeap heap, string typeName, params ReadOnlySpan<ObjectId> items) =>
            heap.NewTupleOfType(PyTypes.Class(typeName), items);

        private static ObjectId NewTupleOfType(this ICPythonHeap heap, SimType type, ReadOnlySpan<ObjectId> items)
        {
            ObjectId tuple = heap.Allocate(type, CPythonSizes.Tuple(items.Length), items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                heap.SetReference(tuple, i, items[i]);
            }

            HeapInternals.Of(heap).SetPayload(tuple, items.Length, 0);
            return tuple;
        }

        /// <summary><c>{}</c>.</summary>
        public static ObjectId NewDict(this ICPythonHeap heap) => heap.AllocateWithBuffer(PyTypes.Dict, CPythonSizes.DictHeader, 0, 0);

        private const int GeneralKeysFlag = 1 << 8;

        /// <summary>
        /// <c>d[key] = value</c> with a key not yet present (equality is not simulated). The table holds key and value;
        /// it starts with 8 slots and grows to the power of two above <c>used * 3</c> when its usable entries run out.
        /// Tables whose keys are all str use the compact 16-byte entries.
        /// </summary>
        public static void DictSet(this ICPythonHeap heap, ObjectId dict, ObjectId key, ObjectId value)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            (int used, int aux) = h.Payload(dict);
            int log2 = aux & 0xFF;
            bool general = (aux & GeneralKeysFlag) != 0 || heap.TypeOf(key) != PyTypes.Str;
            int newLog2 = log2 == 0 ? 3 : used == CPythonSizes.DictUsable(log2) ? CPythonSizes.DictNextLog2Size(used) : log2;
            bool wasGeneral = (aux & GeneralKeysFlag) != 0;
            if (newLog2 != log2 || general != wasGeneral)
            {
                heap.ResizeBuffer(dict, CPythonSizes.DictKeys(newLog2, !general), 2 * CPythonSizes.DictUsable(newLog2));
            }

            heap.SetReference(dict, 2 * used, key);
            heap.SetReference(dict, (2 * used) + 1, value);
            h.SetPayload(dict, used + 1, newLog2 | (general ? GeneralKeysFlag : 0));
        }

        /// <summary><c>set()</c>.</summary>
        public static ObjectId NewSet(this ICPythonHeap heap)
        {
            ObjectId set = heap.AllocateWithBuffer(PyTypes.Set, CPythonSizes.SetHeader, 0, 0);
            HeapInternals.Of(heap).SetPayload(set, 0, CPythonSizes.SetMinSize);
            return set;
        }

        /// <summary><c>s.add(item)</c> with an item not yet present.</summary>
        public static void SetAdd(this ICPythonHeap heap, ObjectId set, ObjectId item)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            (int used, int table) = h.Payload(set);
            int newTable = CPythonSizes.SetTableAfterInsert(used + 1, used + 1, table);
            int buffer = newTable > CPythonSizes.SetMinSize ? 16 * newTable : 0;
            heap.ResizeBuffer(set, buffer, used + 1);
            heap.SetReference(set, used, item);
            h.SetPayload(set, used + 1, newTable);
        }

        /// <summary>
        /// An instance of <paramref name="className"/> without <c>__slots__</c>. CPython 3.11 keeps the attribute values
        /// in a separate values array (8 bytes per attribute here, an estimate) and creates a real <c>__dict__</c> only
        /// when it is asked for (<see cref="MaterializeDict"/>), so a cycle of two plain instances is two objects.
        /// </summary>
        public static ObjectId NewInstance(this ICPythonHeap heap, string className, params ReadOnlySpan<ObjectId> attributes)
        {
            ObjectId instance = heap.AllocateWithBuffer(PyTypes.Class(className), CPythonSizes.Instance, 8 * attributes.Length, attributes.Length);
            for (int i = 0; i < attributes.Length; i++)
            {
                heap.SetReference(instance, i, attributes[i]);
            }

            HeapInternals.Of(heap).SetPayload(instance, attributes.Length, 0);
            return instance;
        }

        /// <summary>
        /// <c>obj.__dict__</c>: moves the attribute values into a dict object (296 bytes measured for up to 29
        /// attributes) referenced from the instance, whose values array is freed.
        /// </summary>
        public static ObjectId MaterializeDict(this ICPythonHeap heap, ObjectId instance)
        {
            int attributes = heap.SlotCount(instance);
            ObjectId dict = heap.Allocate(PyTypes.DictOf(heap.TypeOf(instance).Name), CPythonSizes.InstanceDict(attributes), Math.Max(attributes, 1));
            for (int i = 0; i < attributes; i++)
            {
                heap.SetReference(dict, i, heap.GetReference(instance, i));
            }

            heap.ResizeBuffer(instance, 0, 1);
            heap.SetReference(instance, 0, dict);
            heap.Release(dict);
            return dict;
        }

        /// <summary>An instance of a class declaring <c>__slots__</c>: attributes stored inline, no <c>__dict__</c>.</summary>
        public static ObjectId NewSlotsInstance(this ICPythonHeap heap, string className, params ReadOnlySpan<ObjectId> attributes)
        {
            ObjectId instance = heap.Allocate(PyTypes.Class(className), CPythonSizes.SlotsInstance(attributes.Length), attributes.Length);
            for (int i = 0; i < attributes.Length; i++)
            {
                heap.SetReference(instance, i, attributes[i]);
            }

            return instance;
        }

        /// <summary><c>obj.attr = value</c> for an attribute stored in reference slot <paramref name="slot"/>.</summary>
        public static void SetAttr(this ICPythonHeap heap, ObjectId obj, int slot, ObjectId value) => heap.SetReference(obj, slot, value);
    }
}
