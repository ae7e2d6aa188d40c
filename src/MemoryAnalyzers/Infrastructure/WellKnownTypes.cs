using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Finds a type by its metadata name (<c>System.IO.FileStream</c>, <c>System.Collections.Generic.List`1</c>,
    /// <c>Outer+Nested</c>) by walking the compilation's merged namespaces: the same answer as
    /// <see cref="Compilation.GetTypeByMetadataName(string)"/> for the types the rules look for, at a fraction of its cost.
    /// </summary>
    /// <remarks>
    /// Why not <see cref="Compilation.GetTypeByMetadataName(string)"/> (which STYLE.md's model analyzers call): Roslyn
    /// 4.8 splits the name again for every referenced assembly it asks, and a .NET 8 project references about 160; the
    /// rules resolve some 200 names per compilation, and on the real-code corpus those lookups were a fifth of all analyzer
    /// time. A merged namespace caches its members by name, so a walk costs a few dictionary lookups, shared by every rule.
    /// Ambiguity is settled the same way: a type of the compilation itself wins; otherwise the one public type of that
    /// name among the references, or null when there are several.
    /// </remarks>
    internal static class WellKnownTypes
    {
        public static INamedTypeSymbol? FindType(this Compilation compilation, string metadataName)
        {
            INamespaceOrTypeSymbol container = compilation.GlobalNamespace;
            var start = 0;
            for (var dot = metadataName.IndexOf('.'); dot >= 0; dot = metadataName.IndexOf('.', start))
            {
                var nested = metadataName.IndexOf('+', start);
                if (nested >= 0 && nested < dot)
                {
                    break;
                }

                if (Namespace((INamespaceSymbol)container, metadataName.Substring(start, dot - start)) is not { } next)
                {
                    return null;
                }

                container = next;
                start = dot + 1;
            }

            // The type, then each nested type after a '+'.
            INamedTypeSymbol? type = null;
            foreach (var part in metadataName.Substring(start).Split('+'))
            {
                type = Type(compilation, container, part);
                if (type is null)
                {
                    return null;
                }

                container = type;
            }

            return type;
        }

        private static INamespaceSymbol? Namespace(INamespaceSymbol container, string name)
        {
            foreach (var member in container.GetMembers(name))
            {
                if (member is INamespaceSymbol found)
                {
                    return found;
                }
            }

            return null;
        }

        private static INamedTypeSymbol? Type(Compilation compilation, INamespaceOrTypeSymbol container, string metadataName)
        {
            var arity = 0;
            var name = metadataName;
            var tick = metadataName.IndexOf('`');
            if (tick >= 0)
            {
                if (!int.TryParse(metadataName.Substring(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arity))
                {
                    return null;
                }

                name = metadataName.Substring(0, tick);
            }

            INamedTypeSymbol? found = null;
            foreach (var candidate in container.GetTypeMembers(name, arity))
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
                {
                    return candidate;
                }

                if (candidate.DeclaredAccessibility != Accessibility.Public && container is INamespaceSymbol)
                {
                    continue;
                }

                if (found is not null)
                {
                    // Declared by two references: ambiguous, as for GetTypeByMetadataName.
                    return null;
                }

                found = candidate;
            }

            return found;
        }
    }
}
