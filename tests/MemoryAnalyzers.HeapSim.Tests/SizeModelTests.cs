using System.Numerics;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;
using MemoryAnalyzers.HeapSim.Profiling;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>Size models against figures measured on this machine (CPython 3.11.7, .NET 10, x64 Linux).</summary>
    public class SizeModelTests
    {
        // Measured with: python3 -c 'import sys; print(sys.getsizeof(0), sys.getsizeof(1), sys.getsizeof(2**30), sys.getsizeof(2**60), sys.getsizeof(2**90))'
        [Theory]
        [InlineData("0", 28)]
        [InlineData("1", 28)]
        [InlineData("1073741824", 32)]
        [InlineData("1152921504606846976", 36)]
        [InlineData("1237940039285380274899124224", 40)]
        public void Int_matches_getsizeof(string value, int expected) => Assert.Equal(expected, CPythonSizes.Int(BigInteger.Parse(value)));

        // Measured with: python3 -c 'import sys; print([sys.getsizeof(s) for s in ("", "a", "hello", "a"*10, "\u00e9", "\u20ac", "\u20ac"*5, "\U0001F600", "\U0001F600"*5)])'
        [Theory]
        [InlineData("", 49)]
        [InlineData("a", 50)]
        [InlineData("hello", 54)]
        [InlineData("aaaaaaaaaa", 59)]
        [InlineData("\u00e9", 74)]
        [InlineData("\u20ac", 76)]
        [InlineData("\u20ac\u20ac\u20ac\u20ac\u20ac", 84)]
        [InlineData("\U0001F600", 80)]
        [InlineData("\U0001F600\U0001F600\U0001F600\U0001F600\U0001F600", 96)]
        public void Str_matches_getsizeof(string text, int expected) => Assert.Equal(expected, CPythonSizes.Str(text));

        // Measured with: python3 -c 'import sys; print(sys.getsizeof(i * i for i in range(10)))'   -> 208
        [Fact]
        public void Generator_expression_matches_getsizeof()
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            Assert.Equal(208, SizeViews.ShallowSize(heap, heap.NewGenerator()));
        }

        // Measured with: python3 -c 'import sys; l=[]; print([(l.append(i), sys.getsizeof(l))[1] for i in range(65)])'
        // (sizes change at 1, 5, 9, 17, 25, 33, 41, 53 and 65 items)
        [Theory]
        [InlineData(0, 56)]
        [InlineData(1, 88)]
        [InlineData(4, 88)]
        [InlineData(5, 120)]
        [InlineData(9, 184)]
        [InlineData(17, 248)]
        [InlineData(25, 312)]
        [InlineData(33, 376)]
        [InlineData(41, 472)]
        [InlineData(53, 568)]
        [InlineData(65, 664)]
        public void List_after_appends_matches_getsizeof(int appends, int expected)
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            ObjectId list = heap.NewList();
            ObjectId item = heap.NewFloat();
            for (int i = 0; i < appends; i++)
            {
                heap.Append(list, item);
            }

            Assert.Equal(expected, heap.SizeOf(list));
            Assert.Equal(appends, heap.Len(list));
        }

        // Measured with: python3 -c 'import sys; print(sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof((1,2,3)), sys.getsizeof(1.5))'
        [Theory]
        [InlineData(0, 40)]
        [InlineData(1, 48)]
        [InlineData(3, 64)]
        public void Tuple_matches_getsizeof(int items, int expected) => Assert.Equal(expected, CPythonSizes.Tuple(items));

        // Measured with: python3 -c 'import sys; d={}; print([(d.__setitem__(i,i), sys.getsizeof(d))[1] for i in range(86)])'
        // (int keys; sizes change at 1, 6, 11, 22, 43 and 86 items) and sys.getsizeof({'a':1}) == 184 for str keys.
        [Theory]
        [InlineData(0, false, 64)]
        [InlineData(1, false, 224)]
        [InlineData(5, false, 224)]
        [InlineData(6, false, 352)]
        [InlineData(11, false, 632)]
        [InlineData(22, false, 1168)]
        [InlineData(43, false, 2264)]
        [InlineData(86, false, 4688)]
        [InlineData(1, true, 184)]
        [InlineData(6, true, 272)]
        public void Dict_after_inserts_matches_getsizeof(int inserts, bool strKeys, int expected)
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            ObjectId dict = heap.NewDict();
            ObjectId value = heap.NewFloat();
            for (int i = 0; i < inserts; i++)
            {
                ObjectId key = strKeys ? heap.NewStr("k" + i) : heap.NewInt(i);
                heap.DictSet(dict, key, value);
                heap.Release(key);
            }

            Assert.Equal(expected, heap.SizeOf(dict));
        }

        // Measured with: python3 -c 'import sys; print([sys.getsizeof(set(range(n))) for n in (0, 1, 4, 5, 18, 19, 77)])'
        [Theory]
        [InlineData(0, 216)]
        [InlineData(1, 216)]
        [InlineData(4, 216)]
        [InlineData(5, 728)]
        [InlineData(18, 728)]
        [InlineData(19, 2264)]
        [InlineData(77, 8408)]
        public void Set_after_adds_matches_getsizeof(int adds, int expected)
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            ObjectId set = heap.NewSet();
            for (int i = 0; i < adds; i++)
            {
                ObjectId item = heap.NewInt(i);
                heap.SetAdd(set, item);
                heap.Release(item);
            }

            Assert.Equal(expected, heap.SizeOf(set));
        }

        // Measured with (python3): class A: def __init__(s): s.x=1; s.y=2
        //                          class S: __slots__=('x','y'); (same __init__)
        //   sys.getsizeof(A()) == 56, sys.getsizeof(A().__dict__) == 296, sys.getsizeof(S()) == 48,
        //   sys.getsizeof(collections.namedtuple('P','x y')(1,2)) == 56
        [Fact]
        public void Instances_slots_and_namedtuples_match_getsizeof()
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            ObjectId x = heap.NewInt(1);
            ObjectId y = heap.NewInt(2);
            ObjectId plain = heap.NewInstance("A", x, y);
            ObjectId slotted = heap.NewSlotsInstance("S", x, y);
            ObjectId point = heap.NewNamedTuple("P", x, y);
            ObjectId dict = heap.MaterializeDict(plain);

            Assert.Equal(56, heap.SizeOf(plain));
            Assert.Equal(296, heap.SizeOf(dict));
            Assert.Equal(48, heap.SizeOf(slotted));
            Assert.Equal(56, heap.SizeOf(point));
            Assert.Equal(24, heap.SizeOf(heap.NewFloat()));
        }

        // Measured with GC.GetAllocatedBytesForCurrentThread around `new string('a', n)` in a .NET 10 console program.
        [Theory]
        [InlineData(1, 24)]
        [InlineData(2, 32)]
        [InlineData(5, 32)]
        [InlineData(6, 40)]
        [InlineData(10, 48)]
        [InlineData(100, 224)]
        public void DotNet_string_matches_measurement(int length, long expected) =>
            Assert.Equal(expected, DotNetSizes.Align(DotNetSizes.StringRaw(length)));

        // Measured the same way around `new byte[n]`, `new int[10]`, `new long[10]`, `new object[10]`.
        [Theory]
        [InlineData(0, 1, 24)]
        [InlineData(1, 1, 32)]
        [InlineData(8, 1, 32)]
        [InlineData(9, 1, 40)]
        [InlineData(100, 1, 128)]
        [InlineData(10, 4, 64)]
        [InlineData(10, 8, 104)]
        [InlineData(84976, 1, 85000)]
        public void DotNet_array_matches_measurement(int length, int elementSize, long expected) =>
            Assert.Equal(expected, DotNetSizes.Align(DotNetSizes.ArrayRaw(length, elementSize)));

        // Measured: new object() 24, (object)42 24, (object)42L 24, (object)4.2 24, Tuple.Create(1,2) 24, (object)(1,2) 24,
        // new List<int>() 32, new Dictionary<int,int>() 80, new StringBuilder() 104, new StringBuilder(100) 272.
        [Fact]
        public void DotNet_small_objects_match_measurement()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            Assert.Equal(24, heap.SizeOf(heap.NewObject(ClrTypes.Object)));
            Assert.Equal(24, heap.SizeOf(heap.Box(4)));
            Assert.Equal(24, heap.SizeOf(heap.Box(8)));
            Assert.Equal(24, heap.SizeOf(heap.NewTuple([], valueBytes: 8)));
            Assert.Equal(24, ClrOps.ValueTupleHeapBytes(boxed: true, fieldBytes: 8));
            Assert.Equal(0, ClrOps.ValueTupleHeapBytes(boxed: false, fieldBytes: 8));
            Assert.Equal(32, heap.SizeOf(heap.NewList(4, false)));
            Assert.Equal(80, heap.SizeOf(heap.NewDictionary(4, 4)));

            long before = heap.TotalAllocatedBytes;
            heap.NewStringBuilder();
            Assert.Equal(104, heap.TotalAllocatedBytes - before);
            before = heap.TotalAllocatedBytes;
            heap.NewStringBuilder(100);
            Assert.Equal(272, heap.TotalAllocatedBytes - before);
        }

        // Measured: total bytes allocated by `var l = new List<int>(); for (i < n) l.Add(i);`
        [Theory]
        [InlineData(0, 32)]
        [InlineData(1, 72)]
        [InlineData(4, 72)]
        [InlineData(5, 128)]
        [InlineData(9, 216)]
        [InlineData(16, 216)]
        [InlineData(17, 368)]
        public void DotNet_list_growth_allocates_like_the_runtime(int adds, long expectedAllocated)
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId list = heap.NewList(4, false);
            for (int i = 0; i < adds; i++)
            {
                heap.ListAdd(list);
            }

            Assert.Equal(expectedAllocated, heap.TotalAllocatedBytes);
        }

        // Measured: Dictionary<int,int> with 1 Add 192, with 4 Adds 384, new Dictionary<int,int>(10) 352.
        [Theory]
        [InlineData(1, 192)]
        [InlineData(3, 192)]
        [InlineData(4, 384)]
        public void DotNet_dictionary_growth_allocates_like_the_runtime(int adds, long expectedAllocated)
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId dict = heap.NewDictionary(4, 4);
            for (int i = 0; i < adds; i++)
            {
                heap.DictionaryAdd(dict);
            }

            Assert.Equal(expectedAllocated, heap.TotalAllocatedBytes);
        }

        // Measured: new StringBuilder() then Append('x', n): n=17 208, 33 216, 49 248, 65 280, 81 312; 1000 x Append('x') 2552.
        [Theory]
        [InlineData(17, 1, 208)]
        [InlineData(33, 1, 216)]
        [InlineData(49, 1, 248)]
        [InlineData(65, 1, 280)]
        [InlineData(81, 1, 312)]
        [InlineData(1, 1000, 2552)]
        public void DotNet_string_builder_chunks_allocate_like_the_runtime(int charsPerAppend, int appends, long expectedAllocated)
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId sb = heap.NewStringBuilder();
            for (int i = 0; i < appends; i++)
            {
                heap.Append(sb, charsPerAppend);
            }

            Assert.Equal(expectedAllocated, heap.TotalAllocatedBytes);
        }

        // Measured: a lambda capturing one int local allocates 88 bytes (display class 24 + delegate 64);
        // string.Concat of a 3-char and a 4-char string allocates 40 bytes for the result.
        [Fact]
        public void DotNet_closure_and_concat_allocate_like_the_runtime()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            heap.NewClosure([], capturedValueBytes: 4);
            Assert.Equal(88, heap.TotalAllocatedBytes);

            ObjectId a = heap.NewString(3);
            ObjectId b = heap.NewString(4);
            long before = heap.TotalAllocatedBytes;
            ObjectId c = heap.Concat(a, b);
            Assert.Equal(40, heap.TotalAllocatedBytes - before);
            Assert.Equal(7, heap.StringLength(c));
        }

        /// <summary>Re-measures a few shapes in this very process, so the tables above cannot drift from the runtime.</summary>
        [Fact]
        public void DotNet_model_agrees_with_this_runtime()
        {
            Assert.Equal(DotNetSizes.Align(DotNetSizes.StringRaw(10)), Measure(() => new string('a', 10)));
            Assert.Equal(DotNetSizes.Align(DotNetSizes.ArrayRaw(100, 1)), Measure(() => new byte[100]));
            Assert.Equal(DotNetSizes.Align(DotNetSizes.ArrayRaw(10, 8)), Measure(() => new object[10]));
            Assert.Equal(DotNetSizes.Boxed(4), Measure(() => (object)42));
            Assert.Equal(DotNetSizes.MinObjectSize, Measure(() => new object()));
        }

        private static object? _sink;

        private static long Measure(System.Func<object> allocate)
        {
            _sink = allocate();
            _sink = allocate();
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            _sink = allocate();
            return System.GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
