using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>
    /// The C# files of a library's source folder: everything but build output and the folders that hold tests,
    /// benchmarks, samples or examples, minus the entry's exclude patterns.
    /// </summary>
    public static class SourceFiles
    {
        private static readonly Regex s_skippedFolder = new(
            @"^(bin|obj|\..*)$|^(unit)?tests?$|tests?$|^tests?\.|benchmarks?$|^benchmarks?\.|^samples?$|^examples?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static IReadOnlyList<string> Find(CorpusEntry entry)
        {
            var excluded = entry.ExcludePatterns.Where(p => !p.StartsWith('!')).Select(ToRegex).ToList();
            var reIncluded = entry.ExcludePatterns.Where(p => p.StartsWith('!')).Select(p => ToRegex(p.Substring(1))).ToList();
            return Walk(entry.SourceFolder)
                .Select(path => (path, relative: Path.GetRelativePath(entry.SourceFolder, path).Replace('\\', '/')))
                .Where(file => !excluded.Any(r => r.IsMatch(file.relative)) || reIncluded.Any(r => r.IsMatch(file.relative)))
                .Select(file => file.path)
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Relative path of a file in its entry's folder, with forward slashes: what the reports print.</summary>
        public static string Relative(CorpusEntry entry, string path) => Path.GetRelativePath(entry.SourceFolder, path).Replace('\\', '/');

        private static IEnumerable<string> Walk(string folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if (s_skippedFolder.IsMatch(Path.GetFileName(child)))
                {
                    continue;
                }

                foreach (var file in Walk(child))
                {
                    yield return file;
                }
            }
        }

        /// <summary>A glob relative to the folder: '**' any depth, '*' within one segment.</summary>
        private static Regex ToRegex(string glob)
        {
            var pattern = Regex.Escape(glob.Replace('\\', '/')).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*");
            if (glob.EndsWith("/*", StringComparison.Ordinal))
            {
                pattern = pattern.Substring(0, pattern.Length - "[^/]*".Length) + ".*";
            }

            return new Regex("^" + pattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
