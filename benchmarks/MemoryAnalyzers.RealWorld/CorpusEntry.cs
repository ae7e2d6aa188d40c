using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>
    /// One library's source folder and what compiling it needs beyond the defaults: extra preprocessor symbols, files to
    /// leave out (as its project file does) and packages whose reference assemblies it binds against.
    /// </summary>
    public sealed record CorpusEntry(
        string Name,
        string SourceFolder,
        ImmutableArray<string> Defines,
        ImmutableArray<string> ExcludePatterns,
        ImmutableArray<string> Packages,
        ImmutableArray<string> Settings)
    {
        /// <summary>The project has <c>ImplicitUsings</c> on: the SDK's global usings for a class library are added.</summary>
        public bool ImplicitUsings => Settings.Contains("implicit-usings");

        /// <summary>The project uses C# features that are still preview in the Roslyn the tool runs on.</summary>
        public bool Preview => Settings.Contains("preview");

        /// <summary>The optional file in a source folder that lists extra preprocessor symbols, one per line.</summary>
        public const string DefinesFileName = "realworld.defines";

        /// <summary>A folder given on the command line: named after itself, with the symbols of its defines file if it has one.</summary>
        public static CorpusEntry FromFolder(string folder)
        {
            var full = Path.GetFullPath(folder);
            var definesFile = Path.Combine(full, DefinesFileName);
            var defines = File.Exists(definesFile)
                ? File.ReadAllLines(definesFile).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToImmutableArray()
                : ImmutableArray<string>.Empty;
            return new CorpusEntry(Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)), full, defines, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);
        }

        /// <summary>
        /// Reads the corpus manifest (tab-separated: name, repository, commit, folder, defines, exclude, packages, settings; lists
        /// separated by ';' or ','), resolving each folder under <paramref name="root"/>/name.
        /// </summary>
        public static ImmutableArray<CorpusEntry> FromManifest(string manifestPath, string root, IReadOnlyCollection<string> only)
        {
            var entries = ImmutableArray.CreateBuilder<CorpusEntry>();
            foreach (var line in File.ReadAllLines(manifestPath).Skip(1))
            {
                if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                {
                    continue;
                }

                var columns = line.Split('\t');
                string Column(int index) => index < columns.Length ? columns[index].Trim() : "";
                var name = Column(0);
                if (only.Count > 0 && !only.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var folder = Path.Combine(root, name, Column(3));
                if (!Directory.Exists(folder))
                {
                    throw new DirectoryNotFoundException($"{name}: no folder {folder}; check out {Column(1)} at {Column(2)} into {Path.Combine(root, name)}");
                }

                entries.Add(new CorpusEntry(name, folder, List(Column(4)), List(Column(5)), List(Column(6)), List(Column(7))));
            }

            return entries.ToImmutable();
        }

        private static ImmutableArray<string> List(string column)
            => column.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
    }
}
