using System.Collections.Generic;
using System.Linq;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>The change of one type's live objects between two snapshots.</summary>
    public sealed record HeapTypeChange(string TypeName, long CountDelta, long BytesDelta);

    /// <summary>What changed on the live heap between two <see cref="HeapSnapshot"/>s, by type, largest change first (pympler's <c>print_diff</c>).</summary>
    public sealed class HeapDiff
    {
        internal HeapDiff(IReadOnlyList<HeapTypeChange> changes)
        {
            Changes = changes;
        }

        /// <summary>Every type whose count or bytes changed, largest change in bytes first.</summary>
        public IReadOnlyList<HeapTypeChange> Changes { get; }

        /// <summary>The change of one type (zero when it did not change).</summary>
        public HeapTypeChange this[string typeName]
            => Changes.FirstOrDefault(c => c.TypeName == typeName) ?? new HeapTypeChange(typeName, 0, 0);

        /// <summary>The change of one type.</summary>
        public HeapTypeChange Of(System.Type type) => this[HeapSnapshot.RuntimeName(type)];

        /// <summary>The <paramref name="top"/> largest changes as a text table.</summary>
        public string ToTable(int top = 20)
        {
            var rows = Changes.Take(top)
                .Select(c => new[] { c.TypeName, TextTable.Signed(c.CountDelta), TextTable.SignedBytes(c.BytesDelta) })
                .ToList();
            rows.Add(new[] { $"total ({Changes.Count} types changed)", TextTable.Signed(Changes.Sum(c => c.CountDelta)), TextTable.SignedBytes(Changes.Sum(c => c.BytesDelta)) });
            return TextTable.Render(new[] { "type", "count", "bytes" }, rows, rightAligned: 1);
        }
    }
}
