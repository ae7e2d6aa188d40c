using System;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// Handle to a simulated object: an index into the heap's object table plus a stamp that changes whenever the
    /// slot is reused, so a handle to a freed object never aliases a new one. <c>default(ObjectId)</c> is
    /// <see cref="Null"/>.
    /// </summary>
    public readonly struct ObjectId : IEquatable<ObjectId>
    {
        private readonly int _indexPlusOne;

        /// <summary>Creates a handle for table slot <paramref name="index"/> issued at <paramref name="stamp"/>.</summary>
        public ObjectId(int index, int stamp)
        {
            _indexPlusOne = index + 1;
            Stamp = stamp;
        }

        /// <summary>The null reference.</summary>
        public static ObjectId Null => default;

        /// <summary>Slot in the heap's object table; -1 for <see cref="Null"/>.</summary>
        public int Index => _indexPlusOne - 1;

        /// <summary>Allocation stamp of the slot when this handle was issued.</summary>
        public int Stamp { get; }

        /// <summary>True for the null reference.</summary>
        public bool IsNull => _indexPlusOne == 0;

        /// <summary>Value equality.</summary>
        public static bool operator ==(ObjectId left, ObjectId right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        public static bool operator !=(ObjectId left, ObjectId right) => !left.Equals(right);

        /// <inheritdoc />
        public bool Equals(ObjectId other) => _indexPlusOne == other._indexPlusOne && Stamp == other.Stamp;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is ObjectId other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(_indexPlusOne, Stamp);

        /// <inheritdoc />
        public override string ToString() => IsNull ? "null" : $"#{Index}.{Stamp}";
    }
}
