using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// What MEM004 needs to know about types, resolved once per compilation: which types own something that
    /// <c>Dispose</c> releases, and which calls hand back a newly created disposable.
    /// </summary>
    internal sealed class DisposableTypes
    {
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _disposable;
        private readonly INamedTypeSymbol? _asyncDisposable;
        private readonly INamedTypeSymbol? _task;
        private readonly INamedTypeSymbol? _file;
        private readonly INamedTypeSymbol? _fileInfo;
        private readonly INamedTypeSymbol? _process;
        private readonly INamedTypeSymbol? _jsonDocument;
        private readonly SourceFactories _sourceFactories = new();

        // Asked for the type of every created object and of every call used as an operand: answered once per generic
        // definition (a constructed type implements IDisposable exactly when its definition does).
        // Sized for a real project's types up front: growing a concurrent dictionary locks every bucket, and on real code the
        // adds and resizes cost more than the lookups.
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _isDisposable = new(concurrencyLevel: 4, capacity: 4096, SymbolEqualityComparer.Default);
        private readonly System.Func<ITypeSymbol, bool> _computeIsDisposable;
        private readonly ConcurrentDictionary<IParameterSymbol, bool> _keptWithoutDisposing = new(SymbolEqualityComparer.Default);

        // Option values are per file; the same text resolves to the same set, computed once per compilation.
        private readonly ConcurrentDictionary<string, ImmutableHashSet<INamedTypeSymbol>> _excludedByOptionValue = new();
        private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _factoriesByOptionValue = new();

        private DisposableTypes(Compilation compilation, INamedTypeSymbol disposable)
        {
            _compilation = compilation;
            _disposable = disposable;
            _computeIsDisposable = type => Implements(type, _disposable) || Implements(type, _asyncDisposable);
            _asyncDisposable = compilation.FindType("System.IAsyncDisposable");
            _task = compilation.FindType("System.Threading.Tasks.Task");
            _file = compilation.FindType("System.IO.File");
            _fileInfo = compilation.FindType("System.IO.FileInfo");
            _process = compilation.FindType("System.Diagnostics.Process");
            _jsonDocument = compilation.FindType("System.Text.Json.JsonDocument");
        }

        public static DisposableTypes? TryCreate(Compilation compilation)
            => compilation.GetSpecialType(SpecialType.System_IDisposable) is { TypeKind: not TypeKind.Error } disposable
                ? new DisposableTypes(compilation, disposable)
                : null;

        public bool IsDisposable(ITypeSymbol? type)
            => type is not null && type.TypeKind != TypeKind.Error && _isDisposable.GetOrAdd(type.OriginalDefinition, _computeIsDisposable);


        /// <summary>True for a type that has <c>DisposeAsync</c> through <c>IAsyncDisposable</c>.</summary>
        public bool IsAsyncDisposable(ITypeSymbol? type) => type is not null && Implements(type, _asyncDisposable);

        /// <summary>True for a type that has <c>Dispose</c> through <c>IDisposable</c>.</summary>
        public bool IsSyncDisposable(ITypeSymbol? type) => type is not null && Implements(type, _disposable);

        /// <summary>
        /// True when <paramref name="value"/> creates a new object that this method owns and must dispose:
        /// a constructor call, or a call to a factory that returns a fresh disposable.
        /// </summary>
        public bool IsNewDisposable(IOperation value, AnalyzerOptionsView options)
        {
            var type = value.Type;
            if (type is null || !type.IsReferenceType || !IsDisposable(type) || IsTask(type) || IsExcluded(type, options))
            {
                return false;
            }

            switch (value)
            {
                case IObjectCreationOperation creation:
                    return !WrapsBorrowedDisposable(creation.Arguments, options);
                case IInvocationOperation invocation:
                    return IsFactory(invocation.TargetMethod, options) && !WrapsBorrowedDisposable(invocation.Arguments, options);
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>new StreamReader(input)</c> with a stream this method did not create: disposing the wrapper would dispose the
        /// caller's stream too, so leaving it undisposed may be deliberate. A wrapper around an object created in the same
        /// expression (<c>new BinaryReader(new FileStream(...))</c>, <c>new StreamReader(File.OpenRead(path))</c>) owns it and is still reported.
        /// </summary>
        private bool WrapsBorrowedDisposable(ImmutableArray<IArgumentOperation> arguments, AnalyzerOptionsView options)
        {
            foreach (var argument in arguments)
            {
                var value = argument.Value.WithoutImplicitConversions();
                var createdHere = value is IObjectCreationOperation
                    || (value is IInvocationOperation invocation && IsFactory(invocation.TargetMethod, options));
                if (!createdHere && IsDisposable(value.Type) && !IsTask(value.Type!))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A first, cheap filter for a call: a library method hands out a new disposable only under the names
        /// <see cref="IsFactory"/> knows; a project method may under any name (its body decides). Ignores the
        /// factory_methods option, which the caller checks.
        /// </summary>
        public static bool MayReturnNew(IMethodSymbol method)
            => method.Name.StartsWith("Create", System.StringComparison.Ordinal)
                || method.Name.StartsWith("Open", System.StringComparison.Ordinal)
                || method.Name is "AppendText" or "Start" or "Parse" or "ParseValue" or "GetEnumerator"
                || !method.DeclaringSyntaxReferences.IsEmpty;

        private bool IsFactory(IMethodSymbol method, AnalyzerOptionsView options)
        {
            var containingType = method.ContainingType?.OriginalDefinition;
            if (containingType is null)
            {
                return false;
            }

            switch (method.Name)
            {
                case "Open" or "OpenRead" or "OpenWrite" or "OpenText" or "Create" or "CreateText" or "AppendText" or "OpenHandle"
                    when SymbolEqualityComparer.Default.Equals(containingType, _file) || SymbolEqualityComparer.Default.Equals(containingType, _fileInfo):
                    return true;
                case "Start" when method.IsStatic && SymbolEqualityComparer.Default.Equals(containingType, _process):
                    return true;
                case "Parse" or "ParseValue" when method.IsStatic && SymbolEqualityComparer.Default.Equals(containingType, _jsonDocument):
                    // JsonDocument rents its buffers from the ArrayPool.
                    return true;
                case "CreateCommand" when method.Parameters.IsEmpty && !method.IsStatic:
                    return true;
                case "GetEnumerator" when method.Parameters.IsEmpty && !method.IsStatic:
                    // A struct enumerator (List<T>.Enumerator) is filtered out by the caller: only reference types reach here.
                    return true;
            }

            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                // A framework or library factory by name: Aes.Create(), aes.CreateEncryptor(), CancellationTokenSource.CreateLinkedTokenSource(...),
                // MemoryMappedFile.CreateFromFile(...), RegistryKey.OpenSubKey(...), Console.OpenStandardInput().
                if ((method.Name.StartsWith("Create", System.StringComparison.Ordinal) || method.Name.StartsWith("Open", System.StringComparison.Ordinal))
                    && method.Name != "CreateClient")
                {
                    return true;
                }
            }
            else if (_sourceFactories.Summarize(method) == FactoryKind.Fresh)
            {
                return true;
            }

            var configured = options.FactoryMethods;
            if (configured is null)
            {
                return false;
            }

            var factories = _factoriesByOptionValue.GetOrAdd(configured, value => RuleOptions.ParseList(value).ToImmutableHashSet());
            return factories.Contains(containingType.ToDisplayString() + "." + method.Name);
        }

        private bool IsExcluded(ITypeSymbol type, AnalyzerOptionsView options)
        {
            var configured = options.ExcludedTypes;
            var excluded = _excludedByOptionValue.GetOrAdd(
                configured ?? string.Empty,
                value => RuleOptions.ResolveTypes(_compilation, RuleOptions.ParseList(value))
                    .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default));
            return type is INamedTypeSymbol named && excluded.Contains(named.OriginalDefinition);
        }

        /// <summary>What a project method does with a disposable passed as its parameter number <paramref name="ordinal"/>.</summary>
        public ParameterUse ParameterUse(IMethodSymbol method, int ordinal) => _sourceFactories.OfParameter(method, ordinal);

        /// <summary>
        /// A project constructor stores its parameter number <paramref name="ordinal"/> in a field that the type's
        /// <c>Dispose</c> never disposes (or the type has no <c>Dispose</c>): the hand-over to the wrapper is not real.
        /// </summary>
        public bool KeepsWithoutDisposing(IMethodSymbol constructor, int ordinal)
        {
            var parameter = constructor.OriginalDefinition.Parameters[ordinal];
            return _keptWithoutDisposing.TryGetValue(parameter, out var known)
                ? known
                : _keptWithoutDisposing.GetOrAdd(
                    parameter,
                    SourceFactories.StoredMember(constructor.OriginalDefinition, ordinal) is { } member
                        && !SourceDisposeSummary.DisposesMember(constructor.ContainingType.OriginalDefinition, member));
        }

        public bool IsTask(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _task))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol? @interface)
        {
            if (@interface is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The raw MEM004 option values for one file (null when unset).</summary>
    internal readonly struct AnalyzerOptionsView
    {
        public AnalyzerOptionsView(string? excludedTypes, string? factoryMethods, bool includeTypesWithoutResource)
        {
            ExcludedTypes = excludedTypes;
            FactoryMethods = factoryMethods;
            IncludeTypesWithoutResource = includeTypesWithoutResource;
        }

        public string? ExcludedTypes { get; }

        public string? FactoryMethods { get; }

        /// <summary>Report disposables that hold nothing but managed memory too (off by default).</summary>
        public bool IncludeTypesWithoutResource { get; }
    }
}
