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

        /// <summary>
        /// MEM010: 20 requests, each holding n strings while it works. With the forced collections the live strings are
        /// promoted twice, to gen2, and die there once the request ends, so only a full collection frees them; without
        /// them they die young and a gen0 collection frees them.
        /// </summary>
        public static SimulatedComparison ForcedCollection(int n)
        {
            const int Requests = 20;
            var diedInGen2 = new Gen2Deaths[2];
            SimulatedRun Serve(string name, int index, bool forced) => SimulatedRun.Of(name, heap =>
            {
                // Stays subscribed through the run's final collection, so what is still in gen2 at the end counts too.
                diedInGen2[index] = new Gen2Deaths();
                heap.Subscribe(diedInGen2[index]);
                for (var request = 0; request < Requests; request++)
                {
                    Store(heap, "results", heap.NewList(elementSize: 8, elementsAreReferences: true));
                    for (var i = 0; i < n; i++)
                    {
                        var item = heap.NewString(10); // "item 1234"
                        heap.ListAdd(heap.LoadLocal("results"), item);
                        heap.Release(item);
                    }

                    if (forced)
                    {
                        heap.Collect(2);
                        heap.Collect(2);
                    }

                    heap.DeleteLocal("results"); // the answer is sent, the request is over
                }
            });

            var original = Serve("GC.Collect", 0, forced: true);
            var fixedRun = Serve("no forced collection", 1, forced: false);
            var comparison = SimulatedRun.Compare($"{Requests} requests of {Format.Count(n)} strings each on the simulated .NET heap", original, fixedRun);
            var blocks = new List<Block>(comparison.Blocks)
            {
                new TableBlock(
                    "Objects that died in gen2, where only a full collection frees them",
                    new[] { "simulated .NET heap", original.Name, fixedRun.Name },
                    new[] { (IReadOnlyList<string>)new[] { "bytes", Format.Bytes(diedInGen2[0].Bytes), Format.Bytes(diedInGen2[1].Bytes) } }),
            };
            return comparison with
            {
                Blocks = blocks,
                Verdict = $"on the simulated heap the forced collections run {original.Collections.Gen2} full collections for {Requests} requests and {Format.Bytes(diedInGen2[0].Bytes)} of the requests' objects die in gen2; without them {fixedRun.Collections.Gen2} full collections and {Format.Bytes(diedInGen2[1].Bytes)}",
            };
        }

        /// <summary>
        /// MEM011: the work after the failed import: batches of strings that live a while (long enough to reach gen2) and
        /// then die. Left in LowLatency, the collector runs no full collection and they pile up in gen2; with the previous
        /// mode restored, full collections free them.
        /// </summary>
        public static SimulatedComparison LatencyModeLeftSet(int n)
        {
            const int Batches = 2_000;
            const int BatchSize = 200;
            const int Window = 32;
            void Work(IDotNetHeap heap)
            {
                for (var batch = 0; batch < Batches; batch++)
                {
                    var name = "batch" + (batch % Window);
                    Store(heap, name, heap.NewList(elementSize: 8, elementsAreReferences: true));
                    for (var i = 0; i < BatchSize; i++)
                    {
                        var row = heap.NewString(100);
                        heap.ListAdd(heap.LoadLocal(name), row);
                        heap.Release(row);
                    }
                }
            }

            var defaults = DotNetGcSettings.Default;
            var lowLatency = defaults with { Gen2Budget = long.MaxValue, LohBudget = long.MaxValue };
            var original = SimulatedRun.Of("LowLatency left set", Work, lowLatency);
            var fixedRun = SimulatedRun.Of("mode restored", Work, defaults);
            var comparison = SimulatedRun.Compare($"The work after one failed import of {Format.Count(n)} rows: {Format.Count(Batches)} batches of {BatchSize} strings on the simulated .NET heap", original, fixedRun);
            return comparison with
            {
                Verdict = $"on the simulated heap, with full collections held back the heap peaks at {Format.Bytes(original.PeakLiveBytes)} ({original.Collections.Gen2} full collections), against {Format.Bytes(fixedRun.PeakLiveBytes)} with the mode restored ({fixedRun.Collections.Gen2})",
            };
        }

        /// <summary>
        /// MEM015: a view with n bytes of rows subscribes an instance method to a static event and is then dropped. The
        /// event's backing field is a root, so the handler keeps the view; with the fix, Dispose removes the handler
        /// and the event field goes back to null (what '-=' of the only handler does).
        /// </summary>
        public static SimulatedComparison StaticEventSubscription(int n)
        {
            var original = SimulatedRun.Of("never unsubscribed", heap => SubscribeView(heap, n, unsubscribe: false));
            var fixedRun = SimulatedRun.Of("unsubscribed in Dispose", heap => SubscribeView(heap, n, unsubscribe: true));
            return SimulatedRun.Compare($"A view with {Format.Bytes(n)} of rows on the simulated .NET heap", original, fixedRun);
        }

        private static void SubscribeView(IDotNetHeap heap, int n, bool unsubscribe)
        {
            Store(heap, "Bus", heap.NewObject(ClrTypes.Object, referenceFields: 1));
            heap.StoreGlobal("Bus.Refresh", heap.LoadLocal("Bus")); // the static event's storage
            Store(heap, "view", heap.NewObject(ClrTypes.Object, referenceFields: 1, valueFieldBytes: 4));
            var rows = heap.NewArray(ClrTypes.ByteArray, n, 1);
            heap.SetReference(heap.LoadLocal("view"), 0, rows);
            heap.Release(rows);
            var handler = heap.NewDelegate(heap.LoadLocal("view"));
            heap.Subscribe(heap.LoadLocal("Bus"), 0, handler);
            heap.Release(handler);
            if (unsubscribe)
            {
                heap.SetReference(heap.LoadLocal("Bus"), 0, ObjectId.Null);
            }

            heap.DeleteLocal("view");
            heap.DeleteLocal("Bus");
        }

        /// <summary>
        /// MEM016: n thumbnails of 256 bytes cached under new string keys in a static dictionary, against the same
        /// cache cleared whenever it reaches 1,000 entries (modelled as a fresh dictionary, which also drops the arrays
        /// that Clear would keep: the bounded figure is a little low).
        /// </summary>
        public static SimulatedComparison CachedThumbnails(int n)
        {
            const int Capacity = 1_000;
            var original = SimulatedRun.Of("static cache", heap => FillCache(heap, n, capacity: int.MaxValue));
            var bounded = SimulatedRun.Of("bounded cache", heap => FillCache(heap, n, Capacity));
            return SimulatedRun.Compare($"{Format.Count(n)} new paths on the simulated .NET heap", original, bounded);
        }

        private static void FillCache(IDotNetHeap heap, int n, int capacity)
        {
            const int KeyLength = 16;
            const int ThumbnailBytes = 256;
            var cache = NewStaticDictionary(heap);
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                if (count == capacity)
                {
                    cache = NewStaticDictionary(heap);
                    count = 0;
                }

                var key = heap.NewString(KeyLength);
                var thumbnail = heap.NewArray(ClrTypes.ByteArray, ThumbnailBytes, 1);
                var entry = heap.NewTuple(new[] { key, thumbnail }); // the entry holds the key and the value
                heap.DictionaryAdd(cache, entry);
                count++;
                heap.Release(entry);
                heap.Release(thumbnail);
                heap.Release(key);
            }
        }

        /// <summary>
        /// MEM012: n copies, each with a 1 MiB buffer. Allocated on every call, each buffer lands on the large object heap,
        /// and the LOH budget makes the collector run full collections to take them back; rented, one buffer (allocated by
        /// the pool on the first call and kept by it) serves every call.
        /// </summary>
        public static SimulatedComparison TemporaryBuffer(int n)
        {
            const int BufferBytes = 1024 * 1024;
            var original = SimulatedRun.Of("new byte[1 MiB]", heap =>
            {
                for (var i = 0; i < n; i++)
                {
                    heap.Release(heap.NewArray(ClrTypes.ByteArray, BufferBytes, 1)); // filled, copied out, dropped
                }
            });
            var pooled = SimulatedRun.Of("ArrayPool.Rent", heap =>
            {
                var buffer = heap.NewArray(ClrTypes.ByteArray, BufferBytes, 1);
                heap.StoreGlobal("ArrayPool<byte>.Shared", buffer); // Return keeps it in the pool for the next Rent
                heap.Release(buffer);
            });
            var comparison = SimulatedRun.Compare($"{Format.Count(n)} copies with a 1 MiB buffer on the simulated .NET heap", original, pooled);
            return comparison with
            {
                Verdict = $"on the simulated heap the original allocates {Format.Bytes((long)n * BufferBytes)} on the large object heap and runs {original.Collections.Gen2} full collections (its large-object budget is a fixed {Format.Bytes(DotNetGcSettings.Default.LohBudget)}; the runtime's grows with the program); the rented buffer is allocated once and runs {pooled.Collections.Gen2}",
            };
        }

        /// <summary>
        /// MEM013: n calls, each building a List&lt;int&gt; of five constant status codes (the list, then arrays of 4 and 8
        /// as the initializer adds) and a Tuple&lt;int, int&gt;, against one static array of five ints read by every call
        /// and a ValueTuple, which lives in the caller's frame.
        /// </summary>
        public static SimulatedComparison FixedCollection(int n)
        {
            const int Codes = 5;
            var original = SimulatedRun.Of("List + Tuple per call", heap =>
            {
                for (var i = 0; i < n; i++)
                {
                    Store(heap, "probe", heap.NewTuple(ReadOnlySpan<ObjectId>.Empty, valueBytes: 8));
                    Store(heap, "codes", heap.NewList(elementSize: 4, elementsAreReferences: false));
                    for (var c = 0; c < Codes; c++)
                    {
                        heap.ListAdd(heap.LoadLocal("codes"));
                    }

                    heap.DeleteLocal("codes"); // IsSuccess returns
                    heap.DeleteLocal("probe");
                }
            });
            var fixedRun = SimulatedRun.Of("static array + ValueTuple", heap =>
            {
                var codes = heap.NewArray(ClrTypes.Int32Array, Codes, 4);
                heap.StoreGlobal("Codes", codes); // allocated once, by the type's static initializer
                heap.Release(codes);
            });
            return SimulatedRun.Compare($"{Format.Count(n)} calls on the simulated .NET heap", original, fixedRun);
        }

        /// <summary>A new dictionary in the static field <c>s_cache</c>; the field is what keeps it alive.</summary>
        private static ObjectId NewStaticDictionary(IDotNetHeap heap)
        {
            var dictionary = heap.NewDictionary(keySize: 8, valueSize: 8);
            heap.StoreGlobal("s_cache", dictionary);
            heap.Release(dictionary);
            return dictionary;
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

        /// <summary>Adds up the bytes of the objects freed while in gen2.</summary>
        private sealed class Gen2Deaths : IHeapObserver
        {
            public long Bytes { get; private set; }

            public void OnEvent(in HeapEvent heapEvent)
            {
                if (heapEvent.Kind == HeapEventKind.Freed && heapEvent.Generation == 2)
                {
                    Bytes += heapEvent.Size;
                }
            }
        }

        /// <summary>
        /// MEM017: n people as a <c>Dictionary&lt;string, object&gt;</c> of three keys (the dictionary, its buckets and
        /// entries arrays sized for three, a box for the int and one for the double; the name string is shared) against a
        /// record with a string, an int and a double field.
        /// </summary>
        public static SimulatedComparison DictionaryAsRecord(int n)
        {
            var original = SimulatedRun.Of("Dictionary<string, object>", heap =>
            {
                for (var i = 0; i < n; i++)
                {
                    Store(heap, "person", heap.NewDictionary(keySize: 8, valueSize: 8));
                    heap.DictionaryAdd(heap.LoadLocal("person"));
                    foreach (var valueSize in new[] { 4, 8 })
                    {
                        var box = heap.Box(valueSize);
                        heap.DictionaryAdd(heap.LoadLocal("person"), box);
                        heap.Release(box);
                    }

                    heap.DeleteLocal("person");
                }
            });
            var record = SimulatedRun.Of("record Person", heap =>
            {
                for (var i = 0; i < n; i++)
                {
                    Store(heap, "person", heap.NewObject(ClrTypes.Object, referenceFields: 1, valueFieldBytes: 12));
                    heap.DeleteLocal("person");
                }
            });
            return SimulatedRun.Compare($"{Format.Count(n)} people of three values on the simulated .NET heap", original, record);
        }

        /// <summary>Stores a new object in a local and drops the allocation's temporary reference.</summary>
        private static void Store(IDotNetHeap heap, string local, ObjectId value)
        {
            heap.StoreLocal(local, value);
            heap.Release(value);
        }
    }
}
