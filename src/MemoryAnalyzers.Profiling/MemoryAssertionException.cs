using System;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>A memory assertion failed; the message shows the measured numbers. Any test framework reports it as a failure.</summary>
    public sealed class MemoryAssertionException : Exception
    {
        /// <summary>A failed assertion; <paramref name="message"/> shows the numbers.</summary>
        public MemoryAssertionException(string message)
            : base(message)
        {
        }
    }
}
