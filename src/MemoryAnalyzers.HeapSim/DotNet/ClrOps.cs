using System;

namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>
    /// C# operations on a simulated .NET heap, each allocating exactly what the runtime allocates. Every method that
    /// creates an object returns a temporary reference the caller must release (or store and then release).
    /// </summary>
    public static class ClrOps
    {
        /// <summary><c>new T()</c> for a class with <paramref name="referenceFields"/> reference fields and some value-field bytes.</summary>
        public static ObjectId NewObject(this IDotNetHeap heap, SimType type, int referenceFields = 0, int valueFieldBytes = 0) =>
            heap.Allocate(type, DotNetSizes.ObjectRaw((8 * referenceFields) + valueFieldBytes), referenceFields);

        /// <summary>A string of <paramref name="length"/> chars.</summary>
        public static ObjectId NewString(this IDotNetHeap heap, int length)
        {
            ObjectId s = heap.Allocate(ClrTypes.String, DotNetSizes.StringRaw(length));
            HeapInternals.Of(heap).SetPayload(s, length, 0);
            return s;
        }

        /// <summary>Length of a simulated string.</summary>
        public static int StringLength(this IDotNetHeap heap, ObjectId s) => HeapInternals.Of(heap).Payload(s).Length;

        /// <summary><c>a + b</c>: a new string; both operands stay as they are.</summary>
        public static ObjectId Concat(this IDotNetHeap heap, ObjectId a, ObjectId b) =>
            heap.NewString(heap.StringLength(a) + heap.StringLength(b));

        /// <summary><c>new T[length]</c>; reference-element arrays (<see cref="SimType.IsContainer"/>) get one slot per element.</summary>
        public static ObjectId NewArray(this IDotNetHeap heap, SimType arrayType, int length, int elementSize)
        {
            long raw = DotNetSizes.ArrayRaw(length, elementSize);
            ObjectId array = heap.Allocate(arrayType, checked((int)raw), arrayType.IsContainer ? length : 0);
            HeapInternals.Of(heap).SetPayload(array, length, elementSize);
            return array;
        }

        /// <summary>Length of a simulated array.</summary>
        public static int ArrayLength(this IDotNetHeap heap, ObjectId array) => HeapInternals.Of(heap).Payload(array).Length;

        /// <summary><c>(object)value</c> for a value type of <paramref name="valueSize"/> bytes.</summary>
        public static ObjectId Box(this IDotNetHeap heap, int valueSize) =>
            heap.Allocate(ClrTypes.Boxed, (int)DotNetSizes.Boxed(valueSize));

        /// <summary>
        /// <c>new List&lt;T&gt;()</c>: no array until the first Add (the empty array is a shared static). With a
        /// <paramref name="capacity"/>, <c>new List&lt;T&gt;(capacity)</c>, which is also what <c>ToList()</c> allocates for a
        /// source whose count it knows (an array, a collection, <c>Range(...).Select(...)</c>): the array up front, no growth.
        /// </summary>
        public static ObjectId NewList(this IDotNetHeap heap, int elementSize, bool elementsAreReferences, int capacity = 0)
        {
            ObjectId list = heap.Allocate(ClrTypes.List, DotNetSizes.ListObject, 1);
            HeapInternals.Of(heap).SetPayload(list, 0, (elementSize * 2) + (elementsAreReferences ? 1 : 0));
            if (capacity > 0)
            {
                ObjectId items = heap.NewArray(elementsAreReferences ? ClrTypes.ObjectArray : ClrTypes.Int32Array, capacity, elementSize);
                heap.SetReference(list, 0, items);
                heap.Release(items);
            }

            return list;
        }

        /// <summary><c>list.Add(item)</c>: when full, allocates an array of twice the capacity and copies; the old array becomes garbage.</summary>
        public static void ListAdd(this IDotNetHeap heap, ObjectId list, ObjectId item = default)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            (int count, int aux) = h.Payload(list);
            int elementSize = aux / 2;
            bool references = (aux & 1) != 0;
            ObjectId items = heap.GetReference(list, 0);
            int capacity = items.IsNull ? 0 : heap.ArrayLength(items);
            if (count == capacity)
            {
                int newCapacity = DotNetSizes.ListNextCapacity(capacity, count + 1);
                ObjectId grown = heap.NewArray(references ? ClrTypes.ObjectArray : ClrTypes.Int32Array, newCapacity, elementSize);
                if (references)
                {
                    for (int i = 0; i < count; i++)
                    {
                        heap.SetReference(grown, i, heap.GetReference(items, i));
                    }
                }

                heap.SetReference(list, 0, grown);
                heap.Release(grown);
                items = grown;
            }

            if (references && !item.IsNull)
            {
                heap.SetReference(items, count, item);
            }

            h.SetPayload(list, count + 1, aux);
        }

        /// <summary>Number of items in a simulated list.</summary>
        public static int ListCount(this IDotNetHeap heap, ObjectId list) => HeapInternals.Of(heap).Payload(list).Length;

        /// <summary><c>new Dictionary&lt;TKey,TValue&gt;()</c>: no arrays until the first Add.</summary>
        public static ObjectId NewDictionary(this IDotNetHeap heap, int keySize, int valueSize)
        {
            ObjectId dict = heap.Allocate(ClrTypes.Dictionary, DotNetSizes.DictionaryObject, 2);
            HeapInternals.Of(heap).SetPayload(dict, 0, DotNetSizes.DictionaryEntry(keySize, valueSize));
            return dict;
        }

        /// <summary><c>dict.Add(key, value)</c> with a new key; <paramref name="value"/> is kept alive by the entries array.</summary>
        public static void DictionaryAdd(this IDotNetHeap heap, ObjectId dict, ObjectId value = default)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            (int count, int entrySize) = h.Payload(dict);
            ObjectId entries = heap.GetReference(dict, 1);
            int capacity = entries.IsNull ? 0 : heap.ArrayLength(entries);
            if (count == capacity)
            {
                int size = capacity == 0 ? DotNetSizes.HashPrime(0) : DotNetSizes.DictionaryNextSize(count);
                ObjectId buckets = heap.NewArray(ClrTypes.Int32Array, size, 4);
                ObjectId grown = heap.NewArray(ClrTypes.DictionaryEntries, size, entrySize);
                for (int i = 0; i < count; i++)
                {
                    heap.SetReference(grown, i, heap.GetReference(entries, i));
                }

                heap.SetReference(dict, 0, buckets);
                heap.SetReference(dict, 1, grown);
                heap.Release(buckets);
                heap.Release(grown);
                entries = grown;
            }

            if (!value.IsNull)
            {
                heap.SetReference(entries, count, value);
            }

            h.SetPayload(dict, count + 1, entrySize);
        }

        /// <summary>
        /// A lambda capturing variables: the display class (one field per captured reference plus value bytes) and the
        /// delegate that targets it. Returns the delegate.
        /// </summary>
        public static ObjectId NewClosure(this IDotNetHeap heap, ReadOnlySpan<ObjectId> capturedReferences, int capturedValueBytes = 0)
        {
            ObjectId display = heap.NewObject(ClrTypes.DisplayClass, capturedReferences.Length, capturedValueBytes);
            for (int i = 0; i < capturedReferences.Length; i++)
            {
                heap.SetReference(display, i, capturedReferences[i]);
            }

            ObjectId del = heap.NewDelegate(display);
            heap.Release(display);
            return del;
        }

        /// <summary>A delegate bound to <paramref name="target"/> (null for a static method).</summary>
        public static ObjectId NewDelegate(this IDotNetHeap heap, ObjectId target)
        {
            ObjectId del = heap.Allocate(ClrTypes.Delegate, DotNetSizes.Delegate, 1);
            if (!target.IsNull)
            {
                heap.SetReference(del, 0, target);
            }

            return del;
        }

        /// <summary>
        /// <c>publisher.Event += handler</c>, the event's backing field being slot <paramref name="eventSlot"/>. The
        /// publisher now keeps the handler (and its target) alive. A second subscriber combines into a multicast
        /// delegate with an invocation-list array.
        /// </summary>
        public static void Subscribe(this IDotNetHeap heap, ObjectId publisher, int eventSlot, ObjectId handler)
        {
            ObjectId existing = heap.GetReference(publisher, eventSlot);
            if (existing.IsNull)
            {
                heap.SetReference(publisher, eventSlot, handler);
                return;
            }

            SimHeapBase h = HeapInternals.Of(heap);
            int previousCount = Math.Max(1, h.Payload(existing).Length);
            ObjectId list = heap.NewArray(ClrTypes.ObjectArray, previousCount + 1, 8);
            ObjectId oldList = previousCount > 1 ? heap.GetReference(existing, 0) : ObjectId.Null;
            for (int i = 0; i < previousCount; i++)
            {
                heap.SetReference(list, i, oldList.IsNull ? existing : heap.GetReference(oldList, i));
            }

            heap.SetReference(list, previousCount, handler);
            ObjectId multicast = heap.NewDelegate(list);
            h.SetPayload(multicast, previousCount + 1, 0);
            heap.SetReference(publisher, eventSlot, multicast);
            heap.Release(multicast);
            heap.Release(list);
        }

        /// <summary><c>Tuple.Create(...)</c>: a class with the given reference fields and value bytes.</summary>
        public static ObjectId NewTuple(this IDotNetHeap heap, ReadOnlySpan<ObjectId> references, int valueBytes = 0)
        {
            ObjectId tuple = heap.NewObject(ClrTypes.Tuple, references.Length, valueBytes);
            for (int i = 0; i < references.Length; i++)
            {
                heap.SetReference(tuple, i, references[i]);
            }

            return tuple;
        }

        /// <summary>Bytes a <c>ValueTuple</c> costs the heap: nothing until it is boxed.</summary>
        public static int ValueTupleHeapBytes(bool boxed, int fieldBytes) => boxed ? (int)DotNetSizes.Boxed(fieldBytes) : 0;

        /// <summary><c>new StringBuilder(capacity)</c>.</summary>
        public static ObjectId NewStringBuilder(this IDotNetHeap heap, int capacity = DotNetSizes.StringBuilderDefaultCapacity)
        {
            ObjectId sb = heap.Allocate(ClrTypes.StringBuilder, DotNetSizes.StringBuilderObject, 2);
            ObjectId chunk = heap.NewArray(ClrTypes.CharArray, capacity, 2);
            heap.SetReference(sb, 0, chunk);
            heap.Release(chunk);
            return sb;
        }

        /// <summary>
        /// <c>sb.Append(...)</c> of <paramref name="chars"/> chars: fills the current chunk, then <c>ExpandByABlock</c>
        /// moves the full chunk into a new <c>StringBuilder</c> object and allocates a new <c>char[]</c>.
        /// </summary>
        public static void Append(this IDotNetHeap heap, ObjectId sb, int chars)
        {
            SimHeapBase h = HeapInternals.Of(heap);
            (int chunkLength, int chunkOffset) = h.Payload(sb);
            int capacity = heap.ArrayLength(heap.GetReference(sb, 0));
            int fits = Math.Min(chars, capacity - chunkLength);
            chunkLength += fits;
            int remaining = chars - fits;
            if (remaining > 0)
            {
                int newChunk = DotNetSizes.StringBuilderNextChunk(remaining, chunkOffset + chunkLength);
                ObjectId previous = heap.Allocate(ClrTypes.StringBuilder, DotNetSizes.StringBuilderObject, 2);
                h.SetPayload(previous, chunkLength, chunkOffset);
                heap.SetReference(previous, 0, heap.GetReference(sb, 0));
                heap.SetReference(previous, 1, heap.GetReference(sb, 1));
                ObjectId chunk = heap.NewArray(ClrTypes.CharArray, newChunk, 2);
                heap.SetReference(sb, 0, chunk);
                heap.SetReference(sb, 1, previous);
                heap.Release(chunk);
                heap.Release(previous);
                chunkOffset += chunkLength;
                chunkLength = remaining;
            }

            h.SetPayload(sb, chunkLength, chunkOffset);
        }

        /// <summary><c>sb.ToString()</c>.</summary>
        public static ObjectId BuilderToString(this IDotNetHeap heap, ObjectId sb)
        {
            (int chunkLength, int chunkOffset) = HeapInternals.Of(heap).Payload(sb);
            return heap.NewString(chunkLength + chunkOffset);
        }
    }
}
