using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// MEM017's facts about one local: a <c>Dictionary&lt;string, T&gt;</c> (typed as itself or as
    /// <c>IDictionary&lt;string, T&gt;</c>) or an <c>ExpandoObject</c> held in a <c>dynamic</c> local, given a fixed set of
    /// constant keys where it is created (initializer, or <c>d["key"] = value</c> / <c>d.Add("key", value)</c> / <c>e.Key = value</c>
    /// statements right after the declaration) and afterwards only read with constant keys. Shared by the analyzer and the
    /// fixer, so that both see the same entries and reads.
    /// </summary>
    internal sealed class RecordLikeLocal
    {
        private RecordLikeLocal(ILocalSymbol local, IVariableDeclaratorOperation declarator, bool isExpando, ITypeSymbol valueType, ImmutableArray<RecordEntry> entries, ImmutableArray<IOperation> fillStatements, ImmutableArray<RecordRead> reads)
        {
            Local = local;
            Declarator = declarator;
            IsExpando = isExpando;
            ValueType = valueType;
            Entries = entries;
            FillStatements = fillStatements;
            Reads = reads;
        }

        public ILocalSymbol Local { get; }

        public IVariableDeclaratorOperation Declarator { get; }

        public bool IsExpando { get; }

        /// <summary>The dictionary's value type (<c>dynamic</c> for an ExpandoObject).</summary>
        public ITypeSymbol ValueType { get; }

        /// <summary>The keys in the order they are first set.</summary>
        public ImmutableArray<RecordEntry> Entries { get; }

        /// <summary>The statements after the declaration that set keys.</summary>
        public ImmutableArray<IOperation> FillStatements { get; }

        public ImmutableArray<RecordRead> Reads { get; }

        /// <summary>True when a read uses a key that was never set: the indexer throws there today.</summary>
        public bool ReadsMissingKey
        {
            get
            {
                foreach (var read in Reads)
                {
                    if (IndexOf(read.Key) < 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public int IndexOf(string key)
        {
            for (var i = 0; i < Entries.Length; i++)
            {
                if (Entries[i].Key == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// The facts for the local that <paramref name="creation"/> initialises, or null when the local is not used as a
        /// record. Tests the creation and its declaration first; walks the function's operations only when they match.
        /// </summary>
        public static RecordLikeLocal? TryCreate(IObjectCreationOperation creation, RecordLikeTypes types)
        {
            if (!types.IsCandidate(creation.Type)
                || DeclaratorOf(creation) is not { } declarator
                || declarator.Symbol is not { RefKind: RefKind.None, IsConst: false } local
                || declarator.Parent is not IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1, Parent: IBlockOperation block } group })
            {
                return null;
            }

            var created = (INamedTypeSymbol)creation.Type!;
            var isExpando = SymbolEqualityComparer.Default.Equals(created, types.Expando);
            if (isExpando ? local.Type.TypeKind != TypeKind.Dynamic : !IsDictionaryLocal(local.Type, created, types))
            {
                return null;
            }

            var valueType = isExpando ? local.Type : created.TypeArguments[1];
            var entries = ImmutableArray.CreateBuilder<RecordEntry>();
            var keys = new HashSet<string>();
            if (!HasPlainArguments(creation) || !AddInitializerEntries(creation.Initializer, entries, keys))
            {
                return null;
            }

            var fill = ImmutableArray.CreateBuilder<IOperation>();
            for (var index = block.Operations.IndexOf(group) + 1; index < block.Operations.Length; index++)
            {
                var statement = block.Operations[index];
                if (FilledEntry(statement, local, isExpando) is not var (key, value) || !keys.Add(key) || References(value, local))
                {
                    break;
                }

                entries.Add(new RecordEntry(key, value));
                fill.Add(statement);
            }

            if (entries.Count < 2)
            {
                return null;
            }

            var reads = ImmutableArray.CreateBuilder<RecordRead>();
            var fillStatements = fill.ToImmutable();
            foreach (var operation in Root(block).Descendants())
            {
                if (operation is not ILocalReferenceOperation reference
                    || !SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    || IsIn(reference, fillStatements))
                {
                    continue;
                }

                if (Read(reference, isExpando) is not { } read || (read.Kind == RecordReadKind.TryGetValue && !keys.Contains(read.Key)))
                {
                    return null;
                }

                reads.Add(read);
            }

            return reads.Count == 0
                ? null
                : new RecordLikeLocal(local, declarator, isExpando, valueType, entries.ToImmutable(), fillStatements, reads.ToImmutable());
        }

        private static IVariableDeclaratorOperation? DeclaratorOf(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation { IsImplicit: true })
            {
                parent = parent.Parent;
            }

            return parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator : null;
        }

        /// <summary>The local is the created dictionary type itself, or <c>IDictionary</c> of the same type arguments.</summary>
        private static bool IsDictionaryLocal(ITypeSymbol localType, INamedTypeSymbol created, RecordLikeTypes types)
            => SymbolEqualityComparer.Default.Equals(localType, created)
                || (localType is INamedTypeSymbol named
                    && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.DictionaryInterface)
                    && SymbolEqualityComparer.Default.Equals(named.TypeArguments[1], created.TypeArguments[1]));

        /// <summary>No arguments, or a constant capacity: a comparer would change which keys are equal.</summary>
        private static bool HasPlainArguments(IObjectCreationOperation creation)
            => creation.Arguments.Length == 0
                || (creation.Arguments.Length == 1
                    && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32
                    && creation.Arguments[0].Value.ConstantValue.HasValue);

        private static bool AddInitializerEntries(IObjectOrCollectionInitializerOperation? initializer, ImmutableArray<RecordEntry>.Builder entries, HashSet<string> keys)
        {
            if (initializer is null)
            {
                return true;
            }

            foreach (var element in initializer.Initializers)
            {
                var entry = element switch
                {
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IInstanceReferenceOperation, Arguments.Length: 1 } indexer } assignment
                        => ConstantKey(indexer.Arguments[0].Value) is { } key ? (key, assignment.Value) : default((string, IOperation)?),
                    IInvocationOperation { TargetMethod.Name: "Add", Instance: IInstanceReferenceOperation, Arguments.Length: 2 } add
                        => ConstantKey(add.Arguments[0].Value) is { } key ? (key, add.Arguments[1].Value) : default((string, IOperation)?),
                    _ => null,
                };
                if (entry is not var (name, value) || !keys.Add(name))
                {
                    return false;
                }

                entries.Add(new RecordEntry(name, value.WithoutImplicitConversions()));
            }

            return true;
        }

        /// <summary>The key and value of <c>d["key"] = value;</c>, <c>d.Add("key", value);</c> or <c>e.Key = value;</c>.</summary>
        private static (string Key, IOperation Value)? FilledEntry(IOperation statement, ILocalSymbol local, bool isExpando)
        {
            switch ((statement as IExpressionStatementOperation)?.Operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment
                    when !isExpando && IsLocal(indexer.Instance, local) && ConstantKey(indexer.Arguments[0].Value) is { } key:
                    return (key, assignment.Value.WithoutImplicitConversions());
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add
                    when !isExpando && IsLocal(add.Instance, local) && ConstantKey(add.Arguments[0].Value) is { } key:
                    return (key, add.Arguments[1].Value.WithoutImplicitConversions());
                case ISimpleAssignmentOperation { Target: IDynamicMemberReferenceOperation { TypeArguments.Length: 0 } member } assignment
                    when isExpando && IsLocal(member.Instance, local):
                    return (member.MemberName, assignment.Value.WithoutImplicitConversions());
                default:
                    return null;
            }
        }

        /// <summary>What a reference outside the fill statements does: a read with a constant key, or anything else (null).</summary>
        private static RecordRead? Read(ILocalReferenceOperation reference, bool isExpando)
        {
            var parent = reference.Parent;
            if (isExpando)
            {
                return parent is IDynamicMemberReferenceOperation { TypeArguments.Length: 0 } member && IsRead(member) && member.Parent is not IDynamicInvocationOperation
                    ? new RecordRead(member.MemberName, RecordReadKind.Indexer, member)
                    : null;
            }

            return parent switch
            {
                IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsRead(indexer) && ConstantKey(indexer.Arguments[0].Value) is { } key
                    => new RecordRead(key, RecordReadKind.Indexer, indexer),
                IInvocationOperation { TargetMethod.Name: "TryGetValue", Arguments.Length: 2 } call when ConstantKey(call.Arguments[0].Value) is { } key
                    => new RecordRead(key, RecordReadKind.TryGetValue, call),
                _ => null,
            };
        }

        /// <summary>Neither written (<c>=</c>, <c>+=</c>, <c>++</c>), nor passed by reference, nor deconstructed into.</summary>
        private static bool IsRead(IOperation member) => member.Parent switch
        {
            IAssignmentOperation assignment => !ReferenceEquals(assignment.Target, member),
            IIncrementOrDecrementOperation => false,
            IArgumentOperation { Parameter.RefKind: not RefKind.None } => false,
            _ => true,
        };

        private static string? ConstantKey(IOperation key)
            => key.WithoutImplicitConversions().ConstantValue is { HasValue: true, Value: string text } ? text : null;

        private static bool IsLocal(IOperation? operation, ILocalSymbol local)
            => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool References(IOperation value, ILocalSymbol local)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (IsLocal(operation, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsIn(IOperation operation, ImmutableArray<IOperation> statements)
        {
            var start = operation.Syntax.SpanStart;
            foreach (var statement in statements)
            {
                if (statement.Syntax.Span.Contains(start))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation Root(IOperation operation)
        {
            while (operation.Parent is { } parent)
            {
                operation = parent;
            }

            return operation;
        }
    }
}
