using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MemoryAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace MemoryAnalyzers.Tests
{
    /// <summary>
    /// <see cref="WellKnownTypes.FindType"/> gives the answer of <see cref="Compilation.GetTypeByMetadataName(string)"/>:
    /// for types of the .NET 8 reference assemblies, nested and generic ones included, for the compilation's own types
    /// (which win over a reference's type of the same name), and for names nobody declares.
    /// </summary>
    public sealed class WellKnownTypesTests
    {
        private const string Source = """
            namespace Project
            {
                public class Outer
                {
                    public class Inner { }
                    public class Box<T> { public class Item { } }
                }
            }

            namespace System.Text.Json
            {
                public class JsonDocument { }
            }
            """;

        [Theory]
        [InlineData("System.IO.FileStream")]
        [InlineData("System.Collections.Generic.List`1")]
        [InlineData("System.Collections.Generic.Dictionary`2")]
        [InlineData("System.Collections.Generic.Dictionary`2+Enumerator")]
        [InlineData("System.Environment+SpecialFolder")]
        [InlineData("System.Buffers.ArrayPool`1")]
        [InlineData("System.Text.Json.JsonDocument")]
        [InlineData("Project.Outer")]
        [InlineData("Project.Outer+Inner")]
        [InlineData("Project.Outer+Box`1+Item")]
        [InlineData("System.Object")]
        [InlineData("Nowhere.Missing")]
        [InlineData("System.IO.Missing")]
        [InlineData("System.Collections.Generic.List`2")]
        [InlineData("System.Collections.Generic.List`x")]
        [InlineData("System.IO")]
        [InlineData("")]
        public async Task Finds_what_GetTypeByMetadataName_finds(string metadataName)
        {
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Types.cs", Source) });

            var expected = compilation.GetTypeByMetadataName(metadataName);
            var found = compilation.FindType(metadataName);

            Assert.Equal(expected, found, SymbolEqualityComparer.Default);
        }

        [Fact]
        public async Task Finds_every_public_type_of_the_reference_assemblies_as_GetTypeByMetadataName_does()
        {
            var compilation = await AnalyzerCatalog.CompileAsync(new[] { ("Types.cs", Source) });
            var names = PublicTypeNames(compilation.GlobalNamespace).ToList();
            Assert.True(names.Count > 1000, $"{names.Count} names");

            var different = names
                .Where(name => !SymbolEqualityComparer.Default.Equals(compilation.GetTypeByMetadataName(name), compilation.FindType(name)))
                .ToList();

            Assert.Empty(different);
        }

        private static IEnumerable<string> PublicTypeNames(INamespaceSymbol container)
        {
            foreach (var type in container.GetTypeMembers())
            {
                foreach (var name in PublicTypeNames(type, PrefixOf(container)))
                {
                    yield return name;
                }
            }

            foreach (var inner in container.GetNamespaceMembers())
            {
                foreach (var name in PublicTypeNames(inner))
                {
                    yield return name;
                }
            }
        }

        private static IEnumerable<string> PublicTypeNames(INamedTypeSymbol type, string prefix)
        {
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                yield break;
            }

            var name = prefix + type.MetadataName;
            yield return name;
            foreach (var nested in type.GetTypeMembers())
            {
                foreach (var nestedName in PublicTypeNames(nested, name + "+"))
                {
                    yield return nestedName;
                }
            }
        }

        private static string PrefixOf(INamespaceSymbol container)
            => container.IsGlobalNamespace ? string.Empty : container.ToDisplayString() + ".";
    }
}
