using System;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>
    /// A measurement could not be made because this process lacks a capability it needs (the diagnostics port, the
    /// runtime's data-access library, the runtime's event source). <see cref="Capability"/> names it; the message says how
    /// to get it back.
    /// </summary>
    public sealed class ProfilingUnavailableException : InvalidOperationException
    {
        /// <summary>The <paramref name="capability"/> is missing; <paramref name="message"/> says what needed it and how to get it.</summary>
        public ProfilingUnavailableException(string capability, string message, Exception? innerException = null)
            : base($"{capability} is not available: {message}", innerException)
        {
            Capability = capability;
        }

        /// <summary>The missing capability, e.g. "the diagnostics port".</summary>
        public string Capability { get; }
    }
}
