using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// What MEM012 needs to know about arrays, resolved once per compilation: <c>ArrayPool&lt;T&gt;</c> (without it there is
    /// nothing to suggest), the framework types whose methods use an array only during the call (<c>Stream.Read</c>,
    /// <c>Array.Copy</c>, <c>Encoding.GetString</c>…), and the size of an element. The fixer uses it too.
    /// </summary>
    internal sealed class TemporaryArrays
    {
        /// <summary>An object of this many bytes or more is allocated on the large object heap.</summary>
        public const long LargeObjectThreshold = 85_000;

        /// <summary>The size of a reference (and of a pointer) in a 64-bit process, the common case.</summary>
        private const int ReferenceSize = 8;

        /// <summary>
        /// Framework types, by metadata name, whose methods read or write an array argument during the call and keep no
        /// reference to it afterwards (a derived type counts: a <c>FileStream</c> is a <c>Stream</c>).
        /// </summary>
        private static readonly ImmutableArray<string> s_borrowingTypeNames = ImmutableArray.Create(
            "System.Array",
            "System.Buffer",
            "System.BitConverter",
            "System.Convert",
            "System.Random",
            "System.IO.Stream",
            "System.IO.BinaryReader",
            "System.IO.BinaryWriter",
            "System.IO.TextReader",
            "System.IO.TextWriter",
            "System.Text.Encoding",
            "System.Text.Decoder",
            "System.Text.Encoder",
            "System.Net.Sockets.Socket",
            "System.Runtime.InteropServices.Marshal",
            "System.Security.Cryptography.HashAlgorithm",
            "System.Security.Cryptography.RandomNumberGenerator");

        private readonly ImmutableArray<INamedTypeSymbol> _borrowingTypes;

        private TemporaryArrays(INamedTypeSymbol arrayPool, INamedTypeSymbol? stream, ImmutableArray<INamedTypeSymbol> borrowingTypes)
        {
            ArrayPool = arrayPool;
            Stream = stream;
            _borrowingTypes = borrowingTypes;
        }

        /// <summary><c>System.Buffers.ArrayPool`1</c>.</summary>
        public INamedTypeSymbol ArrayPool { get; }

        /// <summary><c>System.IO.Stream</c>; null where the reference assemblies lack it.</summary>
        public INamedTypeSymbol? Stream { get; }

        /// <summary>Null when the compilation has no <c>ArrayPool&lt;T&gt;</c> (netstandard2.0 without System.Buffers).</summary>
        public static TemporaryArrays? TryCreate(Compilation compilation)
            => compilation.FindType("System.Buffers.ArrayPool`1") is { } arrayPool
                ? new TemporaryArrays(arrayPool, compilation.FindType("System.IO.Stream"), RuleOptions.ResolveTypes(compilation, s_borrowingTypeNames))
                : null;

        /// <summary>
        /// True for a call of a method of a borrowing type that cannot hand the array back: it returns nothing, a number,
        /// a string, a new array, or a task of one of those.
        /// </summary>
        public bool Borrows(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!ReturnsNoArrayReference(method.ReturnType))
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var borrowing in _borrowingTypes)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, borrowing))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True for <c>stream.<paramref name="name"/>(byte[] buffer, int offset, int count[, CancellationToken])</c> on a
        /// <c>Stream</c> (any override), where <paramref name="name"/> is Read, ReadAsync, Write or WriteAsync.
        /// </summary>
        public bool IsStreamArrayCall(IInvocationOperation invocation, string name)
        {
            var method = invocation.TargetMethod;
            if (method.Name != name || Stream is null || method.Parameters.Length < 3 || method.Parameters[0].Type is not IArrayTypeSymbol)
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, Stream))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The bytes of one element of an array of <paramref name="type"/> in a 64-bit process: primitives, enums,
        /// references, pointers and unmanaged structs of sequential layout (fields aligned to their size); null otherwise.
        /// </summary>
        public static long? ElementSize(ITypeSymbol type) => ElementSize(type, depth: 0, out _);

        private static long? ElementSize(ITypeSymbol type, int depth, out long alignment)
        {
            alignment = 1;
            if (type.IsReferenceType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                alignment = ReferenceSize;
                return ReferenceSize;
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            {
                type = underlying;
            }

            long? primitive = type.SpecialType switch
            {
                SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
                SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16 => 2,
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
                SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
                SpecialType.System_IntPtr or SpecialType.System_UIntPtr => ReferenceSize,
                SpecialType.System_Decimal => 16,
                _ => null,
            };
            if (primitive is { } size)
            {
                alignment = size == 16 ? 8 : size;
                return size;
            }

            return type is INamedTypeSymbol { TypeKind: TypeKind.Struct, IsUnmanagedType: true } structure && depth < 8
                ? StructSize(structure, depth, out alignment)
                : null;
        }

        /// <summary>Sequential layout: each field at the next multiple of its alignment, the whole padded to the largest one.</summary>
        private static long? StructSize(INamedTypeSymbol structure, int depth, out long alignment)
        {
            alignment = 1;
            long offset = 0;
            foreach (var attribute in structure.GetAttributes())
            {
                // An explicit layout or a declared size or packing decides the size by itself: not worked out here.
                if (attribute.AttributeClass?.Name == "StructLayoutAttribute" && (attribute.ConstructorArguments.Length != 1 || attribute.NamedArguments.Length != 0
                    || attribute.ConstructorArguments[0].Value is not 0))
                {
                    return null;
                }

                if (attribute.AttributeClass?.Name == "InlineArrayAttribute")
                {
                    return null;
                }
            }

            foreach (var member in structure.GetMembers())
            {
                if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    continue;
                }

                if (field.IsFixedSizeBuffer || ElementSize(field.Type, depth + 1, out var fieldAlignment) is not { } fieldSize)
                {
                    return null;
                }

                offset = Align(offset, fieldAlignment) + fieldSize;
                alignment = System.Math.Max(alignment, fieldAlignment);
            }

            return offset == 0 ? 1 : Align(offset, alignment);
        }

        private static long Align(long offset, long alignment) => (offset + alignment - 1) / alignment * alignment;

        private static bool ReturnsNoArrayReference(ITypeSymbol type)
        {
            if (type.SpecialType is SpecialType.System_Void or SpecialType.System_String || type is IArrayTypeSymbol)
            {
                return true;
            }

            if (type.IsValueType && type.SpecialType != SpecialType.None)
            {
                return true;
            }

            // Task, Task<int>, ValueTask<int>: an asynchronous read or write.
            return type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks" } } task
                && (task.TypeArguments.IsEmpty || (task.TypeArguments[0].IsValueType && task.TypeArguments[0].SpecialType != SpecialType.None));
        }
    }
}
