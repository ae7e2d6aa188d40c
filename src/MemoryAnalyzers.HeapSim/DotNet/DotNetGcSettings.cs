namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>Budgets of the simulated .NET collector. Budgets are parameters, not measurements: the real GC tunes them at run time.</summary>
    /// <param name="Gen0Budget">Bytes allocated in gen0 that trigger a collection.</param>
    /// <param name="Gen1Budget">Bytes promoted into gen1 since its last collection that make the next collection a gen1 one.</param>
    /// <param name="Gen2Budget">Bytes promoted into gen2 since its last collection that make the next collection a full one.</param>
    /// <param name="LohBudget">Bytes allocated on the large object heap since the last gen2 collection that trigger one.</param>
    /// <param name="LohThreshold">Total object size (header included, before alignment) from which an object goes to the LOH.</param>
    public sealed record DotNetGcSettings(long Gen0Budget, long Gen1Budget, long Gen2Budget, long LohBudget, int LohThreshold)
    {
        /// <summary>256 KiB gen0, 2 MiB gen1, 16 MiB gen2, 3 MiB LOH budgets; the real 85,000-byte LOH threshold.</summary>
        public static DotNetGcSettings Default { get; } = new(256 * 1024, 2 * 1024 * 1024, 16 * 1024 * 1024, 3 * 1024 * 1024, 85_000);
    }
}
