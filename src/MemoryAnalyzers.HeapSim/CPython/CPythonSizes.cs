using System;
using System.Numerics;
using System.Text;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Character width class of a CPython str (PEP 393 compact representation).</summary>
    public enum StrKind
    {
        /// <summary>All code points below 128: 1 byte per char, compact ASCII header.</summary>
        Ascii,
        /// <summary>Code points below 256: 1 byte per char, compact header.</summary>
        Latin1,
        /// <summary>Code points below 65536: 2 bytes per char.</summary>
        Ucs2,
        /// <summary>Any code point: 4 bytes per char.</summary>
        Ucs4,
    }

    /// <summary>
    /// <c>sys.getsizeof</c> of CPython 3.11 on 64-bit Linux. Sizes of garbage-collected objects include the 16-byte
    /// GC header, as <c>getsizeof</c> does, because that is what the allocator is asked for.
    /// </summary>
    public static class CPythonSizes
    {
        /// <summary><c>PyGC_Head</c>.</summary>
        public const int GcHeader = 16;

        /// <summary><c>float</c>.</summary>
        public const int Float = 24;

        /// <summary><c>list</c> object without its item array.</summary>
        public const int ListHeader = 56;

        /// <summary><c>dict</c> object without its keys table (an empty dict shares a static one).</summary>
        public const int DictHeader = 64;

        /// <summary><c>set</c> object including its 8-entry small table.</summary>
        public const int SetHeader = 216;

        /// <summary>Entries of a set's built-in small table.</summary>
        public const int SetMinSize = 8;

        /// <summary>A generator expression's object with its embedded frame (3.11 keeps the frame inside the generator).</summary>
        public const int Generator = 208;

        /// <summary>Instance of a class without <c>__slots__</c>, not counting its <c>__dict__</c>.</summary>
        public const int Instance = 56;

        /// <summary><c>int</c>: 24 bytes of header plus one 4-byte digit per 30 bits (at least one).</summary>
        public static int Int(BigInteger value)
        {
            BigInteger magnitude = BigInteger.Abs(value);
            int bits = magnitude.IsZero ? 0 : (int)magnitude.GetBitLength();
            int digits = Math.Max(1, (bits + 29) / 30);
            return 24 + (4 * digits);
        }

        /// <summary>The representation a str needs.</summary>
        public static StrKind KindOf(string text)
        {
            StrKind kind = StrKind.Ascii;
            foreach (Rune rune in text.EnumerateRunes())
            {
                StrKind k = rune.Value < 128 ? StrKind.Ascii : rune.Value < 256 ? StrKind.Latin1 : rune.Value < 65536 ? StrKind.Ucs2 : StrKind.Ucs4;
                if (k > kind)
                {
                    kind = k;
                }
            }

            return kind;
        }

        /// <summary>Number of code points (what <c>len()</c> returns).</summary>
        public static int CodePoints(string text)
        {
            int n = 0;
            foreach (Rune _ in text.EnumerateRunes())
            {
                n++;
            }

            return n;
        }

        /// <summary>str of <paramref name="length"/> code points: ASCII 48 + n + 1, otherwise 72 + width × (n + 1).</summary>
        public static int Str(int length, StrKind kind) => kind switch
        {
            StrKind.Ascii => 48 + length + 1,
            StrKind.Latin1 => 72 + length + 1,
            StrKind.Ucs2 => 72 + (2 * (length + 1)),
            _ => 72 + (4 * (length + 1)),
        };

        /// <summary>str holding <paramref name="text"/>.</summary>
        public static int Str(string text) => Str(CodePoints(text), KindOf(text));

        /// <summary>tuple of n items (namedtuples are tuples).</summary>
        public static int Tuple(int items) => 40 + (8 * items);

        /// <summary>list whose item array has <paramref name="allocated"/> slots.</summary>
        public static int List(int allocated) => ListHeader + (8 * allocated);

        /// <summary>
        /// <c>list_resize</c> (3.11): capacity after growing to <paramref name="newSize"/> items:
        /// <c>(newsize + (newsize &gt;&gt; 3) + 6) &amp; ~3</c>, or <c>(newsize + 3) &amp; ~3</c> when that would still be short.
        /// </summary>
        public static int ListGrowth(int currentSize, int allocated, int newSize)
        {
            if (allocated >= newSize && newSize >= (allocated >> 1))
            {
                return allocated;
            }

            int next = (newSize + (newSize >> 3) + 6) & ~3;
            if (newSize - currentSize > next - newSize)
            {
                next = (newSize + 3) & ~3;
            }

            return newSize == 0 ? 0 : next;
        }

        /// <summary>Usable entries of a dict keys table of 2^log2 slots: <c>USABLE_FRACTION</c> = 2/3.</summary>
        public static int DictUsable(int log2Size) => (2 << log2Size) / 3;

        /// <summary>Keys table (<c>PyDictKeysObject</c>): 32-byte header, the index array, and the entries.</summary>
        public static int DictKeys(int log2Size, bool unicodeKeys)
        {
            int size = 1 << log2Size;
            int indexBytes = log2Size < 8 ? 1 : log2Size < 16 ? 2 : log2Size < 32 ? 4 : 8;
            int entry = unicodeKeys ? 16 : 24;
            return 32 + (size * indexBytes) + (DictUsable(log2Size) * entry);
        }

        /// <summary>Log2 size after an insertion finds the table full: <c>GROWTH_RATE(d) = used * 3</c>, at least 8 slots.</summary>
        public static int DictNextLog2Size(int used)
        {
            int minimum = Math.Max(8, used * 3);
            return BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)minimum));
        }

        /// <summary>A dict with a keys table of 2^log2 slots (0 for an empty dict sharing the static empty keys).</summary>
        public static int Dict(int log2Size, bool unicodeKeys) => DictHeader + (log2Size == 0 ? 0 : DictKeys(log2Size, unicodeKeys));

        /// <summary>set whose hash table has <paramref name="tableSize"/> entries (the first 8 live inside the object).</summary>
        public static int Set(int tableSize) => SetHeader + (tableSize > SetMinSize ? 16 * tableSize : 0);

        /// <summary>
        /// <c>set_add_entry</c>: after an insertion, resize when <c>fill * 5 &gt;= mask * 3</c> to the smallest power of two
        /// above <c>used * 4</c> (<c>used * 2</c> past 50,000); returns the table size after the insertion.
        /// </summary>
        public static int SetTableAfterInsert(int fill, int used, int tableSize)
        {
            int mask = tableSize - 1;
            if (fill * 5 < mask * 3)
            {
                return tableSize;
            }

            int minUsed = used > 50_000 ? used * 2 : used * 4;
            int size = SetMinSize;
            while (size <= minUsed)
            {
                size <<= 1;
            }

            return size;
        }

        /// <summary>Instance of a class with <c>__slots__</c> of n names: no <c>__dict__</c>, one pointer per slot.</summary>
        public static int SlotsInstance(int slots) => 32 + (8 * slots);

        /// <summary>
        /// The <c>__dict__</c> of an instance once materialised (3.11 key-sharing dict): measured 296 bytes for 0 to 29
        /// attributes and 1,584 for 30 to 40; beyond that an ordinary str-keyed dict is assumed.
        /// </summary>
        public static int InstanceDict(int attributes) => attributes switch
        {
            <= 29 => 296,
            <= 40 => 1584,
            _ => Dict(DictNextLog2Size(attributes), unicodeKeys: true),
        };
    }
}
