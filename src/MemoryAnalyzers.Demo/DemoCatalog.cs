using System.Collections.Generic;
using MemoryAnalyzers.Demo.Mechanisms;
using MemoryAnalyzers.Demo.Simulation;

namespace MemoryAnalyzers.Demo
{
    /// <summary>Every demonstration, in the order the default run shows them: the rules first, then the tutorial's mechanisms.</summary>
    internal static class DemoCatalog
    {
        public static IReadOnlyList<IDemonstration> All { get; } = new IDemonstration[]
        {
            new RuleDemonstration(
                "MEM001",
                RuleIds.StringConcatenationInLoop,
                "String concatenation in a loop",
                "StringConcatenation.cs",
                new[] { 1_000, 4_000, 10_000 },
                RuleSimulations.StringConcatenation),
            new RuleDemonstration(
                "MEM002",
                RuleIds.ClosureCapturesLargeObject,
                "Long-lived closure captures a large object to use a small part of it",
                "LargeCapture.cs",
                new[] { 1_000, 100_000, 10_000_000 },
                new LifetimeWording("buffer alive", "the original's callback keeps the whole buffer alive after a full collection", "the fixed callback holds only its length, and the buffer is collected"),
                RuleSimulations.LargeCapture),
            new RuleDemonstration(
                "MEM003",
                RuleIds.SharedClosureKeepsLargeObject,
                "Long-lived closure shares its closure object with a large captured variable",
                "SharedClosure.cs",
                new[] { 1_000, 100_000, 10_000_000 },
                new LifetimeWording("payload alive", "the stored handler shares a closure object with the checksum lambda and keeps the payload alive", "with the fix the payload is in a closure of its own and is collected"),
                RuleSimulations.SharedClosure),
            new RuleDemonstration(
                "MEM004",
                RuleIds.DisposableNotDisposed,
                "Disposable object is not disposed",
                "UndisposedReader.cs",
                new[] { 10, 100, 1_000 },
                new LifetimeWording("file open", "the original leaves the file open until a finalizer happens to run", "with the fix it is closed before Run returns")),
            new RuleDemonstration(
                "MEM005",
                RuleIds.LockNotReleasedInFinally,
                "Lock is not released in a finally",
                "LockWithoutFinally.cs",
                new[] { 10, 1_000, 100_000 },
                new LifetimeWording("lock taken", "after one exception the original leaves the semaphore taken: the cost is liveness, not bytes, as the next Add blocks its thread for good, with its stack and all it references", "the fix releases it in a finally")),
            new RuleDemonstration(
                "MEM006",
                RuleIds.MaterializedCollectionConsumedOnce,
                "Materialised collection consumed once",
                "MaterializedOnce.cs",
                new[] { 1_000, 100_000, 1_000_000 },
                RuleSimulations.MaterializedOnce),
            new RuleDemonstration(
                "MEM007",
                RuleIds.WholeFileLoaded,
                "Whole file loaded where streaming fits",
                "WholeFileLines.cs",
                new[] { 1_000, 10_000, 100_000 },
                RuleSimulations.WholeFileLines),
            new RuleDemonstration(
                "MEM008",
                RuleIds.ListReturnedAsSequence,
                "List built only to be returned as a sequence",
                "ListAsSequence.cs",
                new[] { 1_000, 100_000, 1_000_000 },
                RuleSimulations.ListAsSequence),
            new RuleDemonstration(
                "MEM009",
                RuleIds.WholeFileScannedOnce,
                "Whole file read for a single sequential scan",
                "WholeFileScan.cs",
                new[] { 1_000, 10_000, 100_000 },
                RuleSimulations.WholeFileScan)
            {
                ManualRewrite = "WholeFileScan.Manual.cs",
            },
            new RuleDemonstration(
                "MEM010",
                RuleIds.ForcedGarbageCollection,
                "Forced garbage collection",
                "ForcedCollection.cs",
                new[] { 10, 100, 1_000 },
                new LifetimeWording("in gen2", "the forced collections promote the request's live objects to gen2, where only a full collection frees them", "without them the objects stay in gen0 and die in a cheap gen0 collection"),
                RuleSimulations.ForcedCollection),
            new RuleDemonstration(
                "MEM011",
                RuleIds.GcModeNotRestored,
                "GC mode or memory pressure not restored",
                "LatencyModeLeftSet.cs",
                new[] { 10, 1_000, 100_000 },
                new LifetimeWording("mode left changed", "after one failed import the original leaves the whole process in LowLatency, with full collections held back", "the fix restores the previous mode in a finally"),
                RuleSimulations.LatencyModeLeftSet),
            RuleDemonstration.ForTime(
                "MEM014",
                RuleIds.FieldUpdatedInLoop,
                "Field updated on every iteration of a loop",
                "FieldInLoop.cs",
                new[] { 10_000, 100_000, 1_000_000 }),
            new RuleDemonstration(
                "MEM015",
                RuleIds.StaticEventSubscription,
                "Event subscription keeps its subscriber alive",
                "StaticEventSubscription.cs",
                new[] { 1_000, 100_000, 10_000_000 },
                new LifetimeWording("view alive", "the static event keeps the disposed view and its rows alive after a full collection", "the fix unsubscribes in Dispose, and the view is collected"),
                RuleSimulations.StaticEventSubscription),
            new RuleDemonstration(
                "MEM016",
                RuleIds.StaticCollectionOnlyGrows,
                "Static collection only grows",
                "CachedThumbnails.cs",
                new[] { 100, 10_000, 100_000 },
                new LifetimeWording("first entry alive", "after n more paths the static cache still holds the first thumbnail, and every other one", "the bounded cache lets it go"),
                RuleSimulations.CachedThumbnails)
            {
                ManualRewrite = "CachedThumbnails.Manual.cs",
            },
            new RuleDemonstration(
                "MEM012",
                RuleIds.TemporaryArrayNotPooled,
                "Large or repeated temporary array",
                "TemporaryBuffer.cs",
                new[] { 10, 100, 500 },
                RuleSimulations.TemporaryBuffer),
            new RuleDemonstration(
                "MEM017",
                RuleIds.DictionaryUsedAsRecord,
                "Dictionary or property bag used as a record",
                "DictionaryAsRecord.cs",
                new[] { 1_000, 10_000, 100_000 },
                RuleSimulations.DictionaryAsRecord),
            new RuleDemonstration(
                "MEM013",
                RuleIds.SmallFixedCollection,
                "Small fixed collection built as a growable one",
                "FixedCollection.cs",
                new[] { 1_000, 10_000, 100_000 },
                RuleSimulations.FixedCollection),
            new MechanismDemonstration("refcount", "Reference counting, step by step (tutorial §2.1)", ReferenceCounting.RefCountWalkthrough),
            new MechanismDemonstration("cycle", "A cycle only the collector frees (§2.2)", ReferenceCounting.Cycle),
            new MechanismDemonstration("gc-thresholds", "Generation thresholds (700, 10, 10) at work (§2.3)", Collector.Thresholds),
            new MechanismDemonstration("pymalloc", "Arenas, pools and blocks (§2.4)", Collector.Arenas),
            new MechanismDemonstration("generators", "A list against a generator (§3.1)", DataStructures.ListAgainstGenerator),
            new MechanismDemonstration("tuples", "Tuples against lists (§3.2)", DataStructures.TuplesAgainstLists),
            new MechanismDemonstration("records", "dict, namedtuple and __slots__ (§3.2)", DataStructures.Records),
            new MechanismDemonstration("join", "String += against join (§5.1)", DataStructures.ConcatenationAgainstJoin),
        };
    }
}
