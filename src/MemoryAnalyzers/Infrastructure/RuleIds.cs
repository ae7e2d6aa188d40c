namespace MemoryAnalyzers
{
    /// <summary>The one registry of rule IDs. A rule's analyzer, fixer, tests and docs page are named after it.</summary>
    internal static class RuleIds
    {
        public const string StringConcatenationInLoop = "MEM001";
        public const string ClosureCapturesLargeObject = "MEM002";
        public const string SharedClosureKeepsLargeObject = "MEM003";
        public const string DisposableNotDisposed = "MEM004";
        public const string LockNotReleasedInFinally = "MEM005";
        public const string MaterializedCollectionConsumedOnce = "MEM006";
        public const string WholeFileLoaded = "MEM007";
        public const string ListReturnedAsSequence = "MEM008";
        public const string WholeFileScannedOnce = "MEM009";
        public const string ForcedGarbageCollection = "MEM010";
        public const string GcModeNotRestored = "MEM011";
        public const string FieldUpdatedInLoop = "MEM014";
        public const string StaticEventSubscription = "MEM015";
        public const string StaticCollectionOnlyGrows = "MEM016";
        public const string TemporaryArrayNotPooled = "MEM012";
        public const string SmallFixedCollection = "MEM013";
        public const string DictionaryUsedAsRecord = "MEM017";
    }

    /// <summary>The one diagnostic category of every rule (see <see cref="RuleDescriptors.Create"/>).</summary>
    internal static class RuleCategories
    {
        public const string Memory = "Memory";
    }

    /// <summary>What a rule's pattern costs, carried as a custom tag of its descriptor, spelled once.</summary>
    internal static class RuleTags
    {
        public const string Performance = "Performance";
        public const string Reliability = "Reliability";
    }
}
