namespace MemoryAnalyzers.HeapSim;

/// <summary>
/// Handle to a simulated object: an index into the heap's object table plus a stamp that
/// changes whenever the slot is reused, so a handle to a freed object never aliases a new one.
/// </summary>
/// <param name="Index">Slot in the heap's object table; -1 for <see cref="Null"/>.</param>
/// <param name="Stamp">Allocation stamp of the slot when this handle was issued.</param>
public readonly record struct ObjectId(int Index, int Stamp)
{
    /// <summary>The null reference.</summary>
    public static ObjectId Null => new(-1, 0);

    /// <summary>True for the null reference.</summary>
    public bool IsNull => Index < 0;

    /// <inheritdoc />
    public override string ToString() => IsNull ? "null" : $"#{Index}.{Stamp}";
}
