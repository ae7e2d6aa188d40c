using System;
using System.Collections.Generic;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.DotNet;

namespace MemoryAnalyzers.Demo.Simulation
{
    /// <summary>Each rule's scenario replayed on the simulated .NET heap, original against fixed.</summary>
    internal static class RuleSimulations
    {
        /// <summary>MEM001: n appends of a short piece, by <c>+=</c> and by a StringBuilder.</summary>
        public static SimulatedComparison StringConcatenation(int n)
        {
            const int PieceLength = 12; // "item 1234, "
            var original = SimulatedRun.Of("string +=", heap =>
            {
                Store(heap, "report", heap.NewString(0));
                for (var i = 0; i < n; i++)
                {
                    var piece = heap.NewString(PieceLength);
                    var next = heap.Concat(heap.LoadLocal("report"), piece);
                    heap.Release(piece);
                    Store(heap, "report", next);
                }
            });
            var withBuilder = SimulatedRun.Of("StringBuilder", heap =>
            {
                Store(heap, "builder", heap.NewStringBuilder());
                for (var i = 0; i < n; i++)
                {
                    heap.Append(heap.LoadLocal("builder"), PieceLength);
                }

                Store(heap, "report", heap.BuilderToString(heap.LoadLocal("builder")));
            });
            return SimulatedRun.Compare($"The same {Format.Count(n)} appends on the simulated .NET heap", original, withBuilder);
        }

        /// <summary>
        /// MEM006: n values of <c>Enumerable.Range(0, n).Select(...)</c> copied into a List&lt;int&gt; and read once, against
        /// read straight from the query. ToList() knows the count of that source, so it allocates the array once, at its
        /// final size; enumerating the query allocates nothing (its iterator is its own enumerator, and the values are ints).
        /// </summary>
        public static SimulatedComparison MaterializedOnce(int n)
        {
            var copied = SimulatedRun.Of("ToList()", heap =>
            {
                StoreQuery(heap);
                Store(heap, "copy", heap.NewList(elementSize: 4, elementsAreReferences: false, capacity: n));
                for (var i = 0; i < n; i++)
                {
                    heap.ListAdd(heap.LoadLocal("copy"));
                }

                heap.DeleteLocal("copy"); // the loop has read it once
            });
            var streamed = SimulatedRun.Of("query", StoreQuery);
            return SimulatedRun.Compare($"{Format.Count(n)} values on the simulated .NET heap", copied, streamed);
        }

        /// <summary><c>Enumerable.Range(0, n).Select(i => i * 3)</c>: the range and the select iterator (the lambda's delegate is cached).</summary>
        internal static void StoreQuery(IDotNetHeap heap)
        {
            Store(heap, "range", heap.NewObject(ClrTypes.Object, referenceFields: 0, valueFieldBytes: RangeIteratorFieldBytes));
            Store(heap, "query", heap.NewObject(ClrTypes.Object, referenceFields: 1, valueFieldBytes: SelectIteratorFieldBytes));
        }

        // Field bytes of the runtime's RangeIterator (thread id, state, current, start, end) and of the select iterator over
        // a range (the same ints and the selector); DotNetFidelityTests checks the totals against the runtime.
        internal const int RangeIteratorFieldBytes = 20;
        internal const int SelectIteratorFieldBytes = 20;

        /// <summary>MEM007: n lines held in an array at once, against one line at a time.</summary>
        public static SimulatedComparison WholeFileLines(int n)
        {
            const int LineLength = 12;
            var whole = SimulatedRun.Of("ReadAllLines", heap =>
            {
                Store(heap, "lines", heap.NewList(elementSize: 8, elementsAreReferences: true));
                for (var i = 0; i < n; i++)
                {
                    var line = heap.NewString(LineLength);
                    heap.ListAdd(heap.LoadLocal("lines"), line);
                    heap.Release(line);
                }

                Store(heap, "array", heap.NewArray(ClrTypes.ObjectArray, n, 8)); // List.ToArray()
                heap.DeleteLocal("lines");
                heap.DeleteLocal("array");
            });
            var streamed = SimulatedRun.Of("ReadLines", heap =>
            {
                for (var i = 0; i < n; i++)
                {
                    heap.Release(heap.NewString(LineLength)); // read, looked at, dropped
                }
            });
            return SimulatedRun.Compare($"A file of {Format.Count(n)} lines on the simulated .NET heap", whole, streamed);
        }

        /// <summary>MEM008: a list of n values built up front, against an iterator the caller stops after a few values.</summary>
        public static SimulatedComparison ListAsSequence(int n)
        {
            var list = SimulatedRun.Of("List<int>", heap =>
            {
                Store(heap, "result", heap.NewList(elementSize: 4, elementsAreReferences: false));
                for (var i = 0; i < n; i++)
                {
                    heap.ListAdd(heap.LoadLocal("result"));
                }

                heap.DeleteLocal("result");
            });
            var iterator = SimulatedRun.Of("iterator", heap =>
            {
                Store(heap, "iterator", heap.NewObject(ClrTypes.Object, referenceFields: 0, valueFieldBytes: 24));
                heap.DeleteLocal("iterator");
            });
            return SimulatedRun.Compare($"Up to {Format.Count(n)} values on the simulated .NET heap", list, iterator);
        }

        /// <summary>
        /// MEM009: the file's text as one string, against a reader with a 4 KiB buffer. ReadAllText reads through a
        /// StreamReader into a StringBuilder, whose chunks hold the whole text, then copies it into the string: twice the
        /// text in all (the runtime's ReadToEnd).
        /// </summary>
        public static SimulatedComparison WholeFileScan(int n)
        {
            const int LineLength = 21;
            var whole = SimulatedRun.Of("ReadAllText", heap =>
            {
                Store(heap, "bytes", heap.NewArray(ClrTypes.ByteArray, 4096, 1)); // the FileStream buffer
                Store(heap, "buffer", heap.NewArray(ClrTypes.CharArray, 4096, 2)); // the reader's decoded chars
                Store(heap, "builder", heap.NewStringBuilder(4096));
                for (var read = 0; read < n * LineLength; read += 4096)
                {
                    heap.Append(heap.LoadLocal("builder"), Math.Min(4096, (n * LineLength) - read));
                }

                Store(heap, "text", heap.BuilderToString(heap.LoadLocal("builder")));
                heap.DeleteLocal("builder");
                heap.DeleteLocal("text");
            });
            var streamed = SimulatedRun.Of("StreamReader", heap =>
            {
                Store(heap, "bytes", heap.NewArray(ClrTypes.ByteArray, 4096, 1));
                Store(heap, "buffer", heap.NewArray(ClrTypes.CharArray, 4096, 2));
            });
            return SimulatedRun.Compare($"A file of {Format.Count(n)} lines on the simulated .NET heap", whole, streamed);
        }

        /// <summary>MEM002: a callback stored in a static field captures a whole buffer, or only the length it reports.</summary>
        public static SimulatedComparison LargeCapture(int n)
        {
            var original = SimulatedRun.Of("captures buffer", heap =>
            {
                Store(heap, "buffer", heap.NewArray(ClrTypes.ByteArray, n, 1));
                StoreCallback(heap, "s_size", heap.NewClosure(new[] { heap.LoadLocal("buffer") }));
            });
            var fixedRun = SimulatedRun.Of("captures the length", heap =>
            {
                Store(heap, "buffer", heap.NewArray(ClrTypes.ByteArray, n, 1));
                StoreCallback(heap, "s_size", heap.NewClosure(ReadOnlySpan<ObjectId>.Empty, capturedValueBytes: 4));
            });
            return SimulatedRun.Compare($"A {Format.Bytes(n)} buffer on the simulated .NET heap", original, fixedRun);
        }

        /// <summary>
        /// MEM003: one display class for the whole method holds the payload and the size, and the stored handler keeps
        /// it; with the fix the payload sits in a display class of its own that only the short-lived lambda uses.
        /// </summary>
        public static SimulatedComparison SharedClosure(int n)
        {
            var original = SimulatedRun.Of("shared closure", heap =>
            {
                Store(heap, "payload", heap.NewArray(ClrTypes.ByteArray, n, 1));
                Store(heap, "closure", heap.NewClosure(new[] { heap.LoadLocal("payload") }, capturedValueBytes: 4));
                heap.Release(heap.NewDelegate(heap.LoadLocal("closure"))); // Task.Run's lambda: run and dropped
                StoreHandler(heap, "s_onStop", heap.LoadLocal("closure"));
            });
            var fixedRun = SimulatedRun.Of("separate closures", heap =>
            {
                Store(heap, "payload", heap.NewArray(ClrTypes.ByteArray, n, 1));
                var inner = heap.NewClosure(new[] { heap.LoadLocal("payload") });
                heap.Release(heap.NewDelegate(inner));
                heap.Release(inner);
                Store(heap, "closure", heap.NewClosure(ReadOnlySpan<ObjectId>.Empty, capturedValueBytes: 4));
                StoreHandler(heap, "s_onStop", heap.LoadLocal("closure"));
            });
            return SimulatedRun.Compare($"A {Format.Bytes(n)} payload on the simulated .NET heap", original, fixedRun);
        }

        /// <summary>Stores a delegate over a new closure in a static field: the closure lives as long as the field.</summary>
        private static void StoreCallback(IDotNetHeap heap, string field, ObjectId closure)
        {
            StoreHandler(heap, field, closure);
            heap.Release(closure);
        }

        private static void StoreHandler(IDotNetHeap heap, string field, ObjectId closure)
        {
            var callback = heap.NewDelegate(closure);
            heap.StoreGlobal(field, callback);
            heap.Release(callback);
        }

        /// <summary>Stores a new object in a local and drops the allocation's temporary reference.</summary>
        private static void Store(IDotNetHeap heap, string local, ObjectId value)
        {
            heap.StoreLocal(local, value);
            heap.Release(value);
        }
    }
}
