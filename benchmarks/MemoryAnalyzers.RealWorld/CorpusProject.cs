using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>
    /// A library's sources parsed once, compiled in memory against the net8.0 reference assemblies as its own build
    /// would for that target, without building, emitting or running anything of it.
    /// </summary>
    public sealed class CorpusProject
    {
        /// <summary>What the SDK defines for a Release build of net8.0.</summary>
        private static readonly ImmutableArray<string> s_sdkSymbols = ImmutableArray.Create(
            "TRACE", "RELEASE", "NET", "NET8_0", "NETCOREAPP",
            "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER",
            "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP1_1_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP2_1_OR_GREATER",
            "NETCOREAPP2_2_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER");

        /// <summary>What the SDK generates for a class library with <c>ImplicitUsings</c> on.</summary>
        private const string ImplicitUsingsSource = """
            global using global::System;
            global using global::System.Collections.Generic;
            global using global::System.IO;
            global using global::System.Linq;
            global using global::System.Net.Http;
            global using global::System.Threading;
            global using global::System.Threading.Tasks;
            """;

        private CorpusProject(CorpusEntry entry, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, CSharpParseOptions parseOptions)
        {
            Entry = entry;
            Trees = trees;
            References = references;
            ParseOptions = parseOptions;
            LineCount = trees.Sum(tree => tree.GetText().Lines.Count);
        }

        public CorpusEntry Entry { get; }

        public ImmutableArray<SyntaxTree> Trees { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public CSharpParseOptions ParseOptions { get; }

        public int LineCount { get; }

        public static CSharpCompilationOptions CompilationOptions { get; } = new(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true,
            concurrentBuild: false);

        public static CorpusProject Load(CorpusEntry entry)
        {
            var language = entry.Preview ? LanguageVersion.Preview : LanguageVersion.Latest;
            var parseOptions = new CSharpParseOptions(language, preprocessorSymbols: s_sdkSymbols.Concat(entry.Defines).Distinct());
            var trees = SourceFiles.Find(entry)
                .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path), Encoding.UTF8), parseOptions, path))
                .ToImmutableArray();
            if (entry.ImplicitUsings)
            {
                trees = trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsingsSource, parseOptions, Path.Combine(entry.SourceFolder, "obj", "GlobalUsings.g.cs")));
            }

            return new CorpusProject(entry, trees, ReferencesFor(entry), parseOptions);
        }

        /// <summary>A new compilation each time: a compilation caches everything it binds, so a measurement needs a fresh one.</summary>
        public CSharpCompilation NewCompilation() => CSharpCompilation.Create(Entry.Name, Trees, References, CompilationOptions);

        private static ImmutableArray<MetadataReference> ReferencesFor(CorpusEntry entry)
        {
            var references = new List<MetadataReference>(Basic.Reference.Assemblies.Net80.References.All);
            foreach (var package in entry.Packages)
            {
                references.AddRange(PackageAssemblies(package).Select(path => MetadataReference.CreateFromFile(path)));
            }

            return references.ToImmutableArray();
        }

        /// <summary>
        /// The assemblies of a package ("Id/Version") in the NuGet global packages folder, for the newest target framework
        /// a net8.0 project can use. The tool's project downloads the packages the manifest names.
        /// </summary>
        private static IEnumerable<string> PackageAssemblies(string package)
        {
            var parts = package.Split('/');
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var folder = Path.Combine(root, parts[0].ToLowerInvariant(), parts[1], "lib");
            var frameworks = new[] { "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0" };
            var chosen = frameworks.Select(tfm => Path.Combine(folder, tfm)).FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"package {package} is not in {root}: restore benchmarks/MemoryAnalyzers.RealWorld (it downloads the packages corpus.tsv names)");
            return Directory.EnumerateFiles(chosen, "*.dll");
        }
    }
}
