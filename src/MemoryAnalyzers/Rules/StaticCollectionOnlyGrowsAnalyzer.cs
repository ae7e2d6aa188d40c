using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM016: a static field of a mutable collection type that code outside the static initialisation adds to, with
    /// keys or items from parameters or instance state, and that nothing in the compilation ever removes from, clears
    /// or assigns again: it only grows, for as long as the process runs.
    /// </summary>
    /// <remarks>
    /// "Nothing ever removes" is a fact about the whole compilation, so the rule collects, per field, the first add site
    /// and whether anything shrinks it, and reports at compilation end. Callbacks react only to invocations, property
    /// references and assignments whose receiver or target is a static field of one of the collection types.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StaticCollectionOnlyGrowsAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.StaticCollectionOnlyGrows,
            title: "Static collection only grows",
            messageFormat: "'{0}' is static and only grows ('{1}' in '{2}' adds, nothing removes): it keeps all it holds for the whole process",
            RuleTags.Reliability,
            DiagnosticSeverity.Warning,
            description: "A static field is a root for the whole life of the process. A collection in it that gets an entry for each new key or item and never loses one grows with the work the process does, "
                + "and keeps every key and value it holds, and everything they reference, alive. "
                + "Keys from a set that the program itself bounds (types, members, assemblies, enums, bool) are not reported. "
                + "Bound the collection (MemoryCache with a SizeLimit, an LRU), remove entries when they are done, or use ConditionalWeakTable for object keys.",
            reportedAtCompilationEnd: true);

        private static readonly ImmutableHashSet<string> AddMethods = ImmutableHashSet.Create(
            "Add", "TryAdd", "GetOrAdd", "AddOrUpdate", "Enqueue", "Push", "Insert", "AddRange", "InsertRange", "AddFirst", "AddLast", "UnionWith");

        private static readonly ImmutableHashSet<string> RemoveMethods = ImmutableHashSet.Create(
            "Remove", "TryRemove", "Clear", "Dequeue", "TryDequeue", "Pop", "TryPop", "TryTake", "Take", "RemoveAll", "RemoveAt", "RemoveRange",
            "RemoveWhere", "RemoveFirst", "RemoveLast", "ExceptWith", "IntersectWith", "SymmetricExceptWith", "TryPopRange", "TryUpdate", "TrimExcess");

        private static readonly ImmutableHashSet<string> LookupMethods = ImmutableHashSet.Create(
            "TryGetValue", "ContainsKey", "Contains", "GetValueOrDefault", "TryGetValueOrDefault");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = GrowableCollectionTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                var facts = new ConcurrentDictionary<IFieldSymbol, FieldFacts>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    context =>
                    {
                        if (context.Operation is IFieldReferenceOperation reference && types.IsCandidate(reference.Field))
                        {
                            Classify(context, reference, types, facts);
                        }
                    },
                    OperationKind.FieldReference);
                start.RegisterCompilationEndAction(end => Report(end, facts));
            });
        }

        /// <summary>What the compilation does with one candidate field.</summary>
        private sealed class FieldFacts
        {
            private readonly object _gate = new object();
            private readonly List<AddSite> _adds = new List<AddSite>();
            private readonly HashSet<ISymbol> _lookingUp = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public bool Shrinks { get; set; }

            public void Add(AddSite add)
            {
                lock (_gate)
                {
                    _adds.Add(add);
                }
            }

            public void LooksUpIn(ISymbol member)
            {
                lock (_gate)
                {
                    _lookingUp.Add(member);
                }
            }

            /// <summary>
            /// The first add that makes the collection grow with the work: to a sequence (every call appends), on
            /// demand (<c>GetOrAdd</c>, a used <c>TryAdd</c>), or under a key in a member that also looks keys up (a
            /// cache: look up, miss, add). A member that only writes keys (<c>Register(name, value)</c>) fills a
            /// table the program populates on purpose, and is left alone.
            /// </summary>
            public AddSite? FirstGrowingAdd()
            {
                lock (_gate)
                {
                    AddSite? first = null;
                    foreach (var add in _adds)
                    {
                        if ((!add.NeedsLookup || _lookingUp.Contains(add.Member)) && (first is null || add.IsBefore(first)))
                        {
                            first = add;
                        }
                    }

                    return first;
                }
            }
        }

        private sealed class AddSite
        {
            public AddSite(Location location, string method, ISymbol member, bool needsLookup)
            {
                Location = location;
                Method = method;
                Member = member;
                NeedsLookup = needsLookup;
            }

            public Location Location { get; }

            public string Method { get; }

            public ISymbol Member { get; }

            public bool NeedsLookup { get; }

            /// <summary>The earliest site in the first file keeps the report the same from run to run.</summary>
            public bool IsBefore(AddSite other)
            {
                var byPath = string.CompareOrdinal(Location.SourceTree?.FilePath, other.Location.SourceTree?.FilePath);
                return byPath < 0 || (byPath == 0 && Location.SourceSpan.Start < other.Location.SourceSpan.Start);
            }
        }

        /// <summary>Sorts one use of a candidate field: an add with open-ended keys, a lookup, something that shrinks or replaces it, or a plain read.</summary>
        private static void Classify(OperationAnalysisContext context, IFieldReferenceOperation reference, GrowableCollectionTypes types, ConcurrentDictionary<IFieldSymbol, FieldFacts> facts)
        {
            var field = reference.Field.OriginalDefinition;

            // The static constructor and the initialisers of static fields and properties run once.
            var inInitialisation = context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.StaticConstructor }
                || context.ContainingSymbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };
            switch (Use(reference, out var user))
            {
                case FieldUse.Shrinks:
                    facts.GetOrAdd(field, _ => new FieldFacts()).Shrinks = true;
                    break;
                case FieldUse.Reassigned when !inInitialisation:
                    facts.GetOrAdd(field, _ => new FieldFacts()).Shrinks = true;
                    break;
                case FieldUse.LooksUp:
                    facts.GetOrAdd(field, _ => new FieldFacts()).LooksUpIn(context.ContainingSymbol);
                    break;
                case FieldUse.Adds when !inInitialisation:
                    var (name, key) = AddedValue(user!);
                    if (key is not null && IsOpenEnded(key, types))
                    {
                        var keyed = types.IsKeyed(reference.Field.Type);
                        var onDemand = name is "GetOrAdd" or "AddOrUpdate"
                            || (name is "Add" or "TryAdd" && user!.Parent is not IExpressionStatementOperation);
                        facts.GetOrAdd(field, _ => new FieldFacts()).Add(new AddSite(
                            (user is IPropertyReferenceOperation ? user.Parent! : user!).Syntax.GetLocation(),
                            name,
                            context.ContainingSymbol,
                            needsLookup: keyed && !onDemand));
                    }

                    break;
            }
        }

        private enum FieldUse
        {
            Reads,
            LooksUp,
            Adds,
            Shrinks,
            Reassigned,
        }

        /// <summary>How the operation around a reference to the field uses it; <paramref name="user"/> is that operation.</summary>
        private static FieldUse Use(IFieldReferenceOperation reference, out IOperation? user)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            user = parent;
            switch (parent)
            {
                case IInvocationOperation { TargetMethod: var method } invocation when invocation.Instance is { } instance && instance.WithoutImplicitConversions() == reference:
                    return AddMethods.Contains(method.Name) ? FieldUse.Adds
                        : RemoveMethods.Contains(method.Name) ? FieldUse.Shrinks
                        : LookupMethods.Contains(method.Name) ? FieldUse.LooksUp
                        : FieldUse.Reads;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    return indexer.Parent is ISimpleAssignmentOperation store && store.Target == indexer ? FieldUse.Adds : FieldUse.LooksUp;
                case IPropertyReferenceOperation:
                case IForEachLoopOperation:
                case ILockOperation:
                case IFieldInitializerOperation:
                    return FieldUse.Reads;
                case IAssignmentOperation assignment when assignment.Target == reference:
                    // 's_cache ??= new()' creates it once; any other assignment replaces what it held.
                    return assignment is ICoalesceAssignmentOperation ? FieldUse.Reads : FieldUse.Reassigned;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ContainingType.Name: "Enumerable" } }, Parameter.RefKind: RefKind.None }:
                    return FieldUse.Reads;
                default:
                    // Passed, returned, stored elsewhere, taken by ref: other code may empty it.
                    return FieldUse.Shrinks;
            }
        }

        /// <summary>The add's method name, and the key (of a dictionary or set) or item it adds, or the range it adds.</summary>
        private static (string Name, IOperation? Key) AddedValue(IOperation user) => user switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod.Name, invocation.Arguments.Length == 0 ? null
                : invocation.TargetMethod.Name is "Insert" or "InsertRange" && invocation.Arguments.Length > 1 ? invocation.Arguments[1].Value
                : invocation.Arguments[0].Value),
            IPropertyReferenceOperation indexer => ("this[]", indexer.Arguments.Length == 0 ? null : indexer.Arguments[0].Value),
            _ => (string.Empty, null),
        };

        /// <summary>
        /// A key or item that comes from the caller or from instance state (it uses a parameter, a local or <c>this</c>),
        /// and whose type does not bound the number of distinct values by the program itself.
        /// </summary>
        private static bool IsOpenEnded(IOperation key, GrowableCollectionTypes types)
        {
            var value = key.WithoutImplicitConversions();
            if (value.ConstantValue.HasValue || types.IsClosedSet(value.Type))
            {
                return false;
            }

            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IParameterReferenceOperation:
                    case ILocalReferenceOperation:
                    case IInstanceReferenceOperation:
                        return true;
                }
            }

            return false;
        }

        private static string MemberName(ISymbol member) => member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType.Name,
            IMethodSymbol { AssociatedSymbol: { } property } => property.Name,
            _ => member.Name,
        };

        private static void Report(CompilationAnalysisContext context, ConcurrentDictionary<IFieldSymbol, FieldFacts> facts)
        {
            foreach (var pair in facts)
            {
                if (pair.Value.Shrinks
                    || pair.Value.FirstGrowingAdd() is not { } add
                    || pair.Key.Locations.FirstOrDefault(location => location.IsInSource) is not { } declaration)
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(Rule, declaration, new[] { add.Location }, pair.Key.Name, add.Method, MemberName(add.Member)));
            }
        }
    }
}
