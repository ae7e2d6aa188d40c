using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// MEM004's "what a type holds": framework types from a table resolved once per compilation, project types from a
    /// summary of their <c>Dispose</c> (see <see cref="SourceDisposeSummary"/>), created values from their type and from
    /// what they were created over. Thread-safe; one instance per compilation.
    /// </summary>
    internal sealed class HeldResources
    {
        /// <summary>Types (and their subtypes and implementers) that own an OS or pooled resource.</summary>
        private static readonly (string MetadataName, HeldResource Resource)[] ResourceTable =
        {
            ("System.IO.FileStream", HeldResource.FileHandle),
            ("System.IO.Pipes.PipeStream", HeldResource.OsHandle),
            ("System.Runtime.InteropServices.SafeHandle", HeldResource.OsHandle),
            ("System.Threading.WaitHandle", HeldResource.WaitHandle),
            ("System.Threading.ManualResetEventSlim", HeldResource.WaitHandle),
            ("System.Net.Sockets.Socket", HeldResource.Socket),
            ("System.Net.Sockets.TcpClient", HeldResource.Socket),
            ("System.Net.Sockets.UdpClient", HeldResource.Socket),
            ("System.Net.Sockets.TcpListener", HeldResource.Socket),
            ("System.Net.Sockets.NetworkStream", HeldResource.Socket),
            ("System.Threading.Timer", HeldResource.Timer),
            ("System.Timers.Timer", HeldResource.Timer),
            ("System.Threading.PeriodicTimer", HeldResource.Timer),
            ("System.Diagnostics.Process", HeldResource.Process),
            ("System.IO.FileSystemWatcher", HeldResource.Watcher),
            ("System.IO.MemoryMappedFiles.MemoryMappedFile", HeldResource.Mapping),
            ("System.IO.MemoryMappedFiles.MemoryMappedViewAccessor", HeldResource.Mapping),
            ("System.IO.MemoryMappedFiles.MemoryMappedViewStream", HeldResource.Mapping),
            ("System.Data.IDbConnection", HeldResource.Database),
            ("System.Data.IDbCommand", HeldResource.Database),
            ("System.Data.IDataReader", HeldResource.Database),
            ("System.Data.IDbTransaction", HeldResource.Database),
            ("System.Net.Http.HttpMessageInvoker", HeldResource.Http),
            ("System.Net.Http.HttpMessageHandler", HeldResource.Http),
            ("System.Net.Http.HttpResponseMessage", HeldResource.Http),
            ("Microsoft.Win32.RegistryKey", HeldResource.Registry),
            ("System.Security.Cryptography.HashAlgorithm", HeldResource.Crypto),
            ("System.Security.Cryptography.SymmetricAlgorithm", HeldResource.Crypto),
            ("System.Security.Cryptography.AsymmetricAlgorithm", HeldResource.Crypto),
            ("System.Security.Cryptography.ICryptoTransform", HeldResource.Crypto),
            ("System.Security.Cryptography.DeriveBytes", HeldResource.Crypto),
            ("System.IO.Compression.DeflateStream", HeldResource.Compression),
            ("System.IO.Compression.GZipStream", HeldResource.Compression),
            ("System.IO.Compression.ZLibStream", HeldResource.Compression),
            ("System.IO.Compression.BrotliStream", HeldResource.Compression),
            ("System.Text.Json.JsonDocument", HeldResource.Pooled),
        };

        /// <summary>
        /// Exact types whose <c>Dispose</c> releases nothing of their own: managed-memory types, and wrappers that hold
        /// only what they were created over (a reader over a file holds the file; see <see cref="OfValue"/>).
        /// A subtype is not covered: a pooled <c>MemoryStream</c> subclass does hold something.
        /// </summary>
        private static readonly string[] NothingOfTheirOwn =
        {
            "System.IO.MemoryStream",
            "System.IO.StringReader",
            "System.IO.StringWriter",
            "System.IO.StreamReader",
            "System.IO.StreamWriter",
            "System.IO.BinaryReader",
            "System.IO.BinaryWriter",
            "System.IO.BufferedStream",
            "System.IO.Compression.ZipArchive",
            "System.Xml.XmlReader",
            "System.Xml.XmlWriter",
            "System.Security.Cryptography.CryptoStream",
            "System.Security.Cryptography.RandomNumberGenerator",
            "System.Data.DataTable",
            "System.Data.DataSet",
            "System.Data.DataView",
            "System.Threading.CancellationTokenSource",
            "System.Threading.SemaphoreSlim",
            "System.Threading.ReaderWriterLockSlim",
        };

        /// <summary>Bases whose <c>Dispose</c> is a no-op: a project type that derives from one without overriding <c>Dispose</c> holds nothing.</summary>
        private static readonly string[] NoOpBases =
        {
            "System.Object",
            "System.MarshalByRefObject",
            "System.IO.Stream",
            "System.IO.TextReader",
            "System.IO.TextWriter",
            "System.ComponentModel.Component",
        };

        private readonly Dictionary<INamedTypeSymbol, HeldResource> _table = new(SymbolEqualityComparer.Default);
        private readonly HashSet<INamedTypeSymbol> _nothingOfTheirOwn = new(SymbolEqualityComparer.Default);
        private readonly HashSet<INamedTypeSymbol> _noOpBases = new(SymbolEqualityComparer.Default);
        private readonly INamedTypeSymbol? _cancellationTokenSource;
        private readonly INamedTypeSymbol? _enumerable;
        private readonly ImmutableHashSet<INamedTypeSymbol> _fileOpeners;
        private readonly ConcurrentDictionary<ITypeSymbol, HeldResource> _byType = new(SymbolEqualityComparer.Default);
        private readonly SourceDisposeSummary _sourceTypes;
        private readonly DisposableTypes _types;

        public HeldResources(Compilation compilation, DisposableTypes types)
        {
            foreach (var (name, resource) in ResourceTable)
            {
                if (compilation.FindType(name) is { } type)
                {
                    _table[type] = resource;
                }
            }

            Resolve(compilation, NothingOfTheirOwn, _nothingOfTheirOwn);
            Resolve(compilation, NoOpBases, _noOpBases);
            _cancellationTokenSource = compilation.FindType("System.Threading.CancellationTokenSource");
            _enumerable = compilation.FindType("System.Linq.Enumerable");
            _fileOpeners = new[] { "System.IO.File", "System.IO.FileInfo", "System.Console" }
                .Select(compilation.FindType)
                .OfType<INamedTypeSymbol>()
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            _types = types;
            _sourceTypes = new SourceDisposeSummary(this);
        }

        /// <summary>What a newly created value holds: its own type's resource, or that of what it was created over.</summary>
        public HeldResource OfValue(IOperation value)
        {
            value = value.WithoutImplicitConversions();
            switch (value)
            {
                case IObjectCreationOperation creation:
                    var resource = OfType(creation.Type);
                    if (SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, _cancellationTokenSource) && !creation.Arguments.IsEmpty)
                    {
                        // new CancellationTokenSource(delay) schedules a timer that only Dispose removes.
                        return HeldResource.Timer;
                    }

                    return Strongest(resource, creation.Constructor, creation.Arguments);

                case IInvocationOperation invocation:
                    if (invocation.TargetMethod is { Name: "GetEnumerator", IsStatic: false } && invocation.Instance is { } source)
                    {
                        return OfEnumeratorSource(source);
                    }

                    if (invocation.TargetMethod.Name == "CreateLinkedTokenSource"
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _cancellationTokenSource))
                    {
                        return HeldResource.LinkedRegistration;
                    }

                    if (invocation.TargetMethod.ContainingType is { } opener && _fileOpeners.Contains(opener))
                    {
                        // File.OpenText and friends return a reader or writer over a file stream they open.
                        return HeldResource.FileHandle;
                    }

                    return Strongest(OfDeclaredType(invocation.Type, depth: 0), invocation.TargetMethod, invocation.Arguments);

                default:
                    return OfType(value.Type);
            }
        }

        /// <summary>What an object of <paramref name="type"/> holds, whatever created it.</summary>
        public HeldResource OfType(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error)
            {
                return type is ITypeParameterSymbol ? HeldResource.Unknown : HeldResource.Nothing;
            }

            var definition = named.OriginalDefinition;
            return _byType.TryGetValue(definition, out var known) ? known : _byType.GetOrAdd(definition, Compute(definition, depth: 0));
        }

        /// <summary>As <see cref="OfType"/>, inside a project type's summary: <paramref name="depth"/> bounds how far fields are followed.</summary>
        internal HeldResource OfType(ITypeSymbol? type, int depth)
        {
            if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error)
            {
                return type is ITypeParameterSymbol ? HeldResource.Unknown : HeldResource.Nothing;
            }

            if (_byType.TryGetValue(named.OriginalDefinition, out var known))
            {
                return known;
            }

            return depth > SourceDisposeSummary.MaxDepth ? HeldResource.Unknown : Compute(named.OriginalDefinition, depth);
        }

        /// <summary>
        /// What a value declared as <paramref name="type"/> holds, when the object may be of a subtype: an abstract project
        /// class says nothing about its subclasses.
        /// </summary>
        internal HeldResource OfDeclaredType(ITypeSymbol? type, int depth)
            => type is INamedTypeSymbol { IsAbstract: true, TypeKind: TypeKind.Class } named && !named.DeclaringSyntaxReferences.IsEmpty
                ? HeldResource.Unknown
                : OfType(type, depth);

        /// <summary>What a project type inherits from a base whose <c>Dispose</c> it does not override.</summary>
        internal HeldResource Inherited(INamedTypeSymbol? baseType, int depth)
            => baseType is null || _noOpBases.Contains(baseType.OriginalDefinition) ? HeldResource.Nothing : OfType(baseType, depth);

        private HeldResource Compute(INamedTypeSymbol type, int depth)
        {
            if (type.TypeKind is TypeKind.Struct or TypeKind.Enum || type.SpecialType == SpecialType.System_Object)
            {
                return HeldResource.Nothing;
            }

            if (!type.DeclaringSyntaxReferences.IsEmpty && type.TypeKind == TypeKind.Class)
            {
                return _sourceTypes.Summarize(type, depth);
            }

            if (_nothingOfTheirOwn.Contains(type))
            {
                return HeldResource.Nothing;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_table.TryGetValue(current.OriginalDefinition, out var resource))
                {
                    return resource;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (_table.TryGetValue(implemented.OriginalDefinition, out var resource))
                {
                    return resource;
                }
            }

            return HeldResource.Unknown;
        }

        /// <summary>
        /// A wrapper's own resource together with what it wraps: a path argument opens a file (<c>new StreamReader(path)</c>),
        /// a disposable created in the same expression is owned (<c>new BinaryReader(File.OpenRead(path))</c>).
        /// </summary>
        private HeldResource Strongest(HeldResource own, IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments)
        {
            var result = own;
            foreach (var argument in arguments)
            {
                if (result.IsNamed)
                {
                    break;
                }

                var value = argument.Value.WithoutImplicitConversions();
                if (value.Type?.SpecialType == SpecialType.System_String
                    && method is not null
                    && method.ContainingType.DeclaringSyntaxReferences.IsEmpty
                    && argument.Parameter?.Name is "path" or "fileName" or "archiveFileName" or "inputUri" or "outputFileName")
                {
                    result = HeldResource.FileHandle;
                }
                else if (value is IObjectCreationOperation or IInvocationOperation && value.Type is { IsReferenceType: true } type && _types.IsDisposable(type))
                {
                    result = HeldResource.Strongest(result, OfValue(value));
                }
            }

            return result;
        }

        /// <summary>
        /// An enumerator holds what its source holds: nothing for arrays and framework collections (and LINQ operators
        /// over them); unknown for a sequence the method was handed, which may be a reader or a file.
        /// </summary>
        private HeldResource OfEnumeratorSource(IOperation source)
        {
            for (var depth = 0; depth < 16; depth++)
            {
                source = source.WithoutImplicitConversions();
                if (source is IInvocationOperation { TargetMethod: { IsExtensionMethod: true } linq } call
                    && SymbolEqualityComparer.Default.Equals(linq.ContainingType, _enumerable)
                    && !call.Arguments.IsEmpty)
                {
                    source = call.Arguments[0].Value;
                    continue;
                }

                if (source.Type is IArrayTypeSymbol)
                {
                    return HeldResource.Nothing;
                }

                if (source.Type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } collection
                    && IsInSystemCollections(collection.ContainingNamespace))
                {
                    return HeldResource.Nothing;
                }

                return HeldResource.Unknown;
            }

            return HeldResource.Unknown;
        }

        /// <summary>System.Collections or a namespace under it (Generic, Concurrent, Immutable, ObjectModel…).</summary>
        private static bool IsInSystemCollections(INamespaceSymbol? ns)
        {
            for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (ns is { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }
            }

            return false;
        }

        private static void Resolve(Compilation compilation, string[] names, HashSet<INamedTypeSymbol> into)
        {
            foreach (var name in names)
            {
                if (compilation.FindType(name) is { } type)
                {
                    into.Add(type);
                }
            }
        }
    }
}
