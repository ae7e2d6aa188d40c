using System;
using System.Collections.Generic;
using System.Linq;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.Demo.Simulation;
using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.Profiling;

namespace MemoryAnalyzers.Demo.Mechanisms
{
    /// <summary>The tutorial's §3.1, §3.2 and §5.1 on the simulated CPython heap.</summary>
    internal static class DataStructures
    {
        private const int Items = 10_000;

        /// <summary>sum([i * i for i in range(n)]) against sum(i * i for i in range(n)).</summary>
        public static IReadOnlyList<Block> ListAgainstGenerator()
        {
            var (list, generator) = SumOfSquares();
            return new Block[]
            {
                new TextBlock($"sum([i * i for i in range({Format.Count(Items)})]) builds the whole list before summing; sum(i * i for i in range({Format.Count(Items)})) holds one square at a time."),
                Table("list comprehension", list, "generator expression", generator),
                new ChartBlock("Live bytes over simulated time", "operations", "bytes", new[] { new ChartSeries("list", list.Series), new ChartSeries("generator", generator.Series) }, OverTime: true),
                new VerdictBlock($"the generator's peak is {Format.Ratio(list.Peak / (double)Math.Max(1, generator.Peak))}× lower ({Format.Bytes(list.Peak)} → {Format.Bytes(generator.Peak)}, its own object and frame included); "
                    + $"both make the same {Format.Count(Items)} squares, and the list also allocates its growing item arrays ({Format.Bytes(list.Allocated)} against {Format.Bytes(generator.Allocated)} in total)"),
            };
        }

        /// <summary>Both versions of the sum on the simulated heap: the list comprehension, then the generator expression.</summary>
        internal static (RunResult List, RunResult Generator) SumOfSquares()
        {
            var list = Run(py =>
            {
                var squares = py.NewList();
                py.StoreLocal("squares", squares);
                py.Release(squares);
                for (var i = 0; i < Items; i++)
                {
                    var square = py.NewInt((long)i * i);
                    py.Append(squares, square);
                    py.Release(square);
                }

                py.DeleteLocal("squares"); // sum() has consumed it
            });
            var generator = Run(py =>
            {
                var squares = py.NewGenerator(); // the generator object and its frame, alive while sum() consumes it
                for (var i = 0; i < Items; i++)
                {
                    py.Release(py.NewInt((long)i * i)); // produced, added to the total, dropped
                }

                py.Release(squares);
            });
            return (list, generator);
        }

        /// <summary>sys.getsizeof of a tuple and of a list grown by append, for 0 to 10 items.</summary>
        public static IReadOnlyList<Block> TuplesAgainstLists()
        {
            var py = HeapSimulator.CreateCPython();
            var one = py.NewInt(1);
            var rows = new List<IReadOnlyList<string>>();
            long tupleTotal = 0, listTotal = 0;
            foreach (var count in new[] { 0, 1, 2, 3, 5, 8, 10 })
            {
                var tuple = py.NewTuple(Enumerable.Repeat(one, count).ToArray());
                var list = py.NewList();
                for (var i = 0; i < count; i++)
                {
                    py.Append(list, one);
                }

                var tupleSize = SizeViews.ShallowSize(py, tuple);
                var listSize = SizeViews.ShallowSize(py, list);
                tupleTotal += tupleSize;
                listTotal += listSize;
                rows.Add(new[] { count.ToString(), Format.Count(tupleSize), Format.Count(listSize), Format.Count(listSize - tupleSize) });
                py.Release(tuple);
                py.Release(list);
            }

            return new Block[]
            {
                new TextBlock("A tuple is allocated once at its final size; a list keeps a separate, over-allocated item array so that append stays cheap."),
                new TableBlock("sys.getsizeof on the simulated CPython 3.11 heap (bytes)", new[] { "items", "tuple", "list (appended)", "list costs more" }, rows),
                new VerdictBlock($"over these sizes the lists take {Format.Ratio(listTotal / (double)tupleTotal)}× the bytes of the tuples"),
            };
        }

        /// <summary>n records of three fields as dicts, instances with __dict__, namedtuples and __slots__ instances.</summary>
        public static IReadOnlyList<Block> Records()
        {
            // Field names are interned strings in CPython: one "x" for every dict, made once here.
            var shapes = new (string Name, Func<ICPythonHeap, ObjectId[], ObjectId[], ObjectId> Create)[]
            {
                ("dict", (py, keys, values) =>
                {
                    var record = py.NewDict();
                    for (var i = 0; i < keys.Length; i++)
                    {
                        py.DictSet(record, keys[i], values[i]);
                    }

                    return record;
                }),
                ("class with __dict__", (py, _, values) =>
                {
                    var record = py.NewInstance("Point", values);
                    py.MaterializeDict(record); // the instance owns its __dict__
                    return record;
                }),
                ("namedtuple", (py, _, values) => py.NewNamedTuple("Point", values)),
                ("class with __slots__", (py, _, values) => py.NewSlotsInstance("Point", values)),
            };

            var rows = new List<IReadOnlyList<string>>();
            var totals = new List<(string Name, long Bytes)>();
            foreach (var (name, create) in shapes)
            {
                var py = HeapSimulator.CreateCPython();
                var records = py.NewList();
                py.StoreLocal("records", records);
                py.Release(records);
                var keys = new[] { py.NewStr("x"), py.NewStr("y"), py.NewStr("z") };
                var values = new[] { py.NewFloat(), py.NewFloat(), py.NewFloat() };
                var before = py.LiveBytes;
                for (var i = 0; i < Items; i++)
                {
                    var record = create(py, keys, values);
                    py.Append(records, record);
                    py.Release(record);
                }

                var bytes = py.LiveBytes - before;
                totals.Add((name, bytes));
                var top = TypeSummary.Take(py).Rows.OrderByDescending(r => r.Bytes).First();
                rows.Add(new[] { name, Format.Bytes(bytes), Format.Count(bytes / Items), top.TypeName });
            }

            var largest = totals.MaxBy(t => t.Bytes);
            var smallest = totals.MinBy(t => t.Bytes);
            return new Block[]
            {
                new TextBlock($"{Format.Count(Items)} records with fields x, y, z (the same three float objects), kept in a list; bytes counted from the heap, not estimated."),
                new TableBlock("hpy().heap()-style totals on the simulated CPython 3.11 heap", new[] { "record shape", "bytes", "per record", "largest type" }, rows),
                new VerdictBlock($"{smallest.Name} takes {Format.Ratio(largest.Bytes / (double)smallest.Bytes)}× less memory than {largest.Name} for the same {Format.Count(Items)} records"),
            };
        }

        /// <summary>
        /// result += str(i) in a loop against "".join(pieces). CPython 3.11 resizes a str in place when a function's local
        /// is its only reference, so += is linear there; a second reference (or a module-level name) makes it quadratic.
        /// </summary>
        public static IReadOnlyList<Block> ConcatenationAgainstJoin()
        {
            const int PieceLength = 5;
            var inPlace = Run(py => Concatenate(py, PieceLength, keepSecondReference: false));
            var copied = Run(py => Concatenate(py, PieceLength, keepSecondReference: true));
            var join = Run(py =>
            {
                var pieces = py.NewList();
                py.StoreLocal("pieces", pieces);
                py.Release(pieces);
                for (var i = 0; i < Items; i++)
                {
                    var piece = py.NewStr(PieceLength, StrKind.Ascii);
                    py.Append(pieces, piece);
                    py.Release(piece);
                }

                var result = py.NewStr(Items * PieceLength, StrKind.Ascii);
                py.StoreLocal("result", result);
                py.Release(result);
                py.DeleteLocal("pieces");
            });

            return new Block[]
            {
                new TextBlock($"Building a {Format.Count(Items * PieceLength)}-character string from {Format.Count(Items)} pieces in a function. "
                    + "CPython 3.11 resizes the str in place when the local is its only reference (PyUnicode_Append), so plain += is linear; "
                    + "one more reference to it (previous = result), a hashed string or a module-level name makes every += copy the whole string. "
                    + "join makes one string whatever refers to the pieces."),
                new TableBlock(
                    "On the simulated CPython heap",
                    new[] { "", "+= (only reference)", "+= (second reference)", "''.join(pieces)" },
                    new List<IReadOnlyList<string>>
                    {
                        new[] { "peak live bytes", Format.Bytes(inPlace.Peak), Format.Bytes(copied.Peak), Format.Bytes(join.Peak) },
                        new[] { "total allocated", Format.Bytes(inPlace.Allocated), Format.Bytes(copied.Allocated), Format.Bytes(join.Allocated) },
                    }),
                new VerdictBlock($"With a second reference, += allocates {Format.Ratio(copied.Allocated / (double)Math.Max(1, join.Allocated))}× the bytes of join "
                    + $"({Format.Bytes(copied.Allocated)} → {Format.Bytes(join.Allocated)}); on the only reference it allocates "
                    + $"{Format.Ratio(inPlace.Allocated / (double)Math.Max(1, join.Allocated))}× — CPython's in-place resize, which C#'s immutable strings never get"),
            };
        }

        /// <summary>result = ""; for i in range(n): [previous = result]; result += piece.</summary>
        private static void Concatenate(ICPythonHeap py, int pieceLength, bool keepSecondReference)
        {
            var result = py.NewStr(0, StrKind.Ascii);
            py.StoreLocal("result", result);
            py.Release(result);
            for (var i = 0; i < Items; i++)
            {
                if (keepSecondReference)
                {
                    py.StoreLocal("previous", py.LoadLocal("result"));
                }

                var piece = py.NewStr(pieceLength, StrKind.Ascii);
                py.ConcatenateIntoLocal("result", piece);
                py.Release(piece);
            }
        }

        internal sealed record RunResult(long Peak, long Allocated, IReadOnlyList<(double X, double Y)> Series);

        private static RunResult Run(Action<ICPythonHeap> scenario)
        {
            var py = HeapSimulator.CreateCPython();
            var timeline = Timeline.Attach(py);
            py.EnterFrame("scenario");
            scenario(py);
            py.LeaveFrame();
            return new RunResult(timeline.PeakLiveBytes, py.TotalAllocatedBytes, SimulatedRun.Downsample(timeline.Samples.Select(s => ((double)s.Clock, (double)s.LiveBytes)).ToList(), 400));
        }

        private static TableBlock Table(string firstName, RunResult first, string secondName, RunResult second) => new(
            "On the simulated CPython heap",
            new[] { "", firstName, secondName },
            new List<IReadOnlyList<string>>
            {
                new[] { "peak live bytes", Format.Bytes(first.Peak), Format.Bytes(second.Peak) },
                new[] { "total allocated", Format.Bytes(first.Allocated), Format.Bytes(second.Allocated) },
            });
    }
}
