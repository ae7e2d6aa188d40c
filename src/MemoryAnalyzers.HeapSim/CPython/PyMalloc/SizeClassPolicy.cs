namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Pure size-class arithmetic of pymalloc (<c>Objects/obmalloc.c</c>).</summary>
    public static class SizeClassPolicy
    {
        /// <summary>True when pymalloc serves the request (1..threshold bytes); 0 and larger requests go to malloc.</summary>
        public static bool IsSmall(int nbytes, ObmallocProfile profile) => nbytes > 0 && nbytes <= profile.SmallRequestThreshold;

        /// <summary>Size class index: <c>(nbytes - 1) &gt;&gt; ALIGNMENT_SHIFT</c>.</summary>
        public static int SizeClassIndex(int nbytes, ObmallocProfile profile) => (nbytes - 1) / profile.Alignment;

        /// <summary>Block size of a class: <c>(index + 1) &lt;&lt; ALIGNMENT_SHIFT</c>.</summary>
        public static int BlockSize(int sizeClassIndex, ObmallocProfile profile) => (sizeClassIndex + 1) * profile.Alignment;

        /// <summary>Bytes a request really occupies: the request rounded up to its class.</summary>
        public static int RoundedRequest(int nbytes, ObmallocProfile profile) =>
            IsSmall(nbytes, profile) ? BlockSize(SizeClassIndex(nbytes, profile), profile) : nbytes;

        /// <summary>Blocks that fit in one pool after the pool header.</summary>
        public static int BlocksPerPool(int sizeClassIndex, ObmallocProfile profile) =>
            (profile.PoolSize - profile.PoolHeaderSize) / BlockSize(sizeClassIndex, profile);
    }
}
