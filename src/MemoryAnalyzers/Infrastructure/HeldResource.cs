namespace MemoryAnalyzers
{
    /// <summary>
    /// What a disposable holds that its <c>Dispose</c> releases, in the words MEM004's message uses: the resource and
    /// what leaving it undisposed costs. <see cref="Nothing"/> (managed memory only) and <see cref="Unknown"/> are the two
    /// answers that name no resource.
    /// </summary>
    internal sealed class HeldResource
    {
        /// <summary>Nothing the garbage collector does not release on its own: a <c>MemoryStream</c>, an enumerator of a list, a no-op <c>Dispose</c>.</summary>
        public static readonly HeldResource Nothing = new HeldResource(
            "holds nothing but managed memory", "its Dispose call is skipped, though it holds nothing but managed memory");

        /// <summary>A type the rule cannot see into (an interface, an abstract stream, a library type it has no entry for).</summary>
        public static readonly HeldResource Unknown = new HeldResource(
            "unknown", "whatever it holds is released only by a finalizer, if it has one");

        public static readonly HeldResource FileHandle = new HeldResource(
            "a file handle", "its file handle stays open, and the file may stay locked, until a finalizer closes it");

        public static readonly HeldResource OsHandle = new HeldResource(
            "an OS handle", "its OS handle stays open until a finalizer closes it");

        public static readonly HeldResource WaitHandle = new HeldResource(
            "a wait handle", "its wait handle stays open until a finalizer closes it");

        public static readonly HeldResource Socket = new HeldResource(
            "a socket", "its socket stays open until a finalizer closes it");

        public static readonly HeldResource Timer = new HeldResource(
            "a timer", "its timer stays scheduled until a finalizer stops it, if ever");

        public static readonly HeldResource Process = new HeldResource(
            "a process handle", "its process handle stays open until a finalizer closes it");

        public static readonly HeldResource Watcher = new HeldResource(
            "a file-system watch", "its file-system watch stays active until a finalizer stops it");

        public static readonly HeldResource Mapping = new HeldResource(
            "a memory mapping", "its memory mapping stays in place until a finalizer releases it");

        public static readonly HeldResource Database = new HeldResource(
            "a database connection", "its database connection stays busy, out of the pool, until a finalizer runs, if ever");

        public static readonly HeldResource Http = new HeldResource(
            "an HTTP connection", "its HTTP connection is not returned to the pool until a finalizer runs, if ever");

        public static readonly HeldResource Registry = new HeldResource(
            "a registry key", "its registry key handle stays open until a finalizer closes it");

        public static readonly HeldResource Crypto = new HeldResource(
            "a native crypto context", "its native crypto context stays allocated until a finalizer frees it");

        public static readonly HeldResource Compression = new HeldResource(
            "native compression state", "its native compression state stays allocated until a finalizer frees it");

        public static readonly HeldResource Pooled = new HeldResource(
            "pooled buffers", "its pooled buffers never go back to the pool");

        public static readonly HeldResource NativeMemory = new HeldResource(
            "native memory", "its native memory stays allocated until a finalizer frees it, if ever");

        public static readonly HeldResource LinkedRegistration = new HeldResource(
            "registrations on other tokens", "its registrations on the linked tokens stay in place, and keep it reachable, as long as those tokens live");

        private HeldResource(string name, string cost)
        {
            Name = name;
            Cost = cost;
        }

        /// <summary>Short name, as the docs and the real-code labels use it.</summary>
        public string Name { get; }

        /// <summary>The clause of the message that says what the leak costs.</summary>
        public string Cost { get; }

        public bool IsNothing => ReferenceEquals(this, Nothing);

        public bool IsNamed => !ReferenceEquals(this, Nothing) && !ReferenceEquals(this, Unknown);

        /// <summary>The more telling of two answers: a named resource over <see cref="Unknown"/> over <see cref="Nothing"/>.</summary>
        public static HeldResource Strongest(HeldResource first, HeldResource second)
        {
            if (first.IsNamed)
            {
                return first;
            }

            if (second.IsNamed)
            {
                return second;
            }

            return ReferenceEquals(first, Unknown) || ReferenceEquals(second, Unknown) ? Unknown : Nothing;
        }
    }
}
