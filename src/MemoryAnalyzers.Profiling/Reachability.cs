using System;
using System.Runtime.CompilerServices;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>Whether an object can still be reached: a full collection, then a look through a <see cref="WeakReference"/>.</summary>
    public static class Reachability
    {
        /// <summary>
        /// Full, blocking, compacting collections with the finalizers run in between: afterwards only what is reachable is
        /// left on the heap. Slow (a full collection of the whole heap); for tests and measurements, not production code.
        /// </summary>
        public static void CollectFully() => GcCounters.CollectFully();

        /// <summary>
        /// Creates an object with <paramref name="create"/> in a frame of its own that has returned before the collection,
        /// so no local of the caller's or of this library keeps it (in Debug builds too, where locals live until their
        /// method returns), collects fully, and says whether the object is gone.
        /// </summary>
        /// <param name="create">Creates the object; whatever it stores the object in (a static field, an event) keeps it alive.</param>
        /// <param name="typeName">The type name of the created object, for messages.</param>
        public static bool IsCollected(Func<object> create, out string typeName)
        {
            if (create is null)
            {
                throw new ArgumentNullException(nameof(create));
            }

            var weak = Track(create, out typeName);
            return IsCollected(weak);
        }

        /// <summary>Collects fully, up to three times (finalizers can release more), and says whether the target is gone.</summary>
        public static bool IsCollected(WeakReference weak)
        {
            if (weak is null)
            {
                throw new ArgumentNullException(nameof(weak));
            }

            for (var attempt = 0; attempt < 3 && weak.IsAlive; attempt++)
            {
                CollectFully();
            }

            return !weak.IsAlive;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference Track(Func<object> create, out string typeName)
        {
            var created = create() ?? throw new ArgumentException("The factory returned null; it must return the object to watch.", nameof(create));
            typeName = created.GetType().FullName ?? created.GetType().Name;
            return new WeakReference(created);
        }
    }
}
