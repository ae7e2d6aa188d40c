using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.Shared
{
    /// <summary>
    /// Shared by the benchmark programs that compare MEM004 with other packages' dispose rules (linked source, imported
    /// with ComparedAnalyzers.props): CA2000 from Microsoft.CodeAnalysis.NetAnalyzers and IDISP001 from
    /// IDisposableAnalyzers, their analyzer assemblies loaded at run time from the package folders the importing
    /// assembly records.
    /// </summary>
    internal static class ComparedAnalyzers
    {
        /// <summary>Each rule that can be compared, with the assembly metadata key of its package folder and its analyzer assemblies.</summary>
        private static readonly ImmutableDictionary<string, (string FolderKey, string[] Files)> s_packages =
            new Dictionary<string, (string, string[])>(StringComparer.OrdinalIgnoreCase)
            {
                ["CA2000"] = ("NetAnalyzersFolder", new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }),
                ["IDISP001"] = ("IDisposableAnalyzersFolder", new[] { "IDisposableAnalyzers.dll" }),
            }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

        public static ImmutableArray<string> Rules { get; } = s_packages.Keys.OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray();

        /// <summary>The analyzers of the package that reports <paramref name="rule"/>, those that can report it.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> For(string rule)
        {
            if (!s_packages.TryGetValue(rule, out var package))
            {
                throw new ArgumentException($"{rule} is not one of the compared rules ({string.Join(", ", Rules)})", nameof(rule));
            }

            var folder = typeof(ComparedAnalyzers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == package.FolderKey).Value!;
            var analyzerFolder = Path.Combine(folder, "analyzers", "dotnet", "cs");
            var loader = new Loader();
            return package.Files
                .SelectMany(file => new AnalyzerFileReference(Path.Combine(analyzerFolder, file), loader).GetAnalyzers(LanguageNames.CSharp))
                .Where(analyzer => analyzer.SupportedDiagnostics.Any(d => string.Equals(d.Id, rule, StringComparison.OrdinalIgnoreCase)))
                .ToImmutableArray();
        }

        /// <summary>
        /// Diagnostic options that turn <paramref name="rules"/> on as warnings (CA2000 is off by default) and every other
        /// rule of <paramref name="analyzers"/> off, so only the compared rules are reported.
        /// </summary>
        public static ImmutableDictionary<string, ReportDiagnostic> Options(IEnumerable<string> rules, IEnumerable<DiagnosticAnalyzer> analyzers)
        {
            var options = analyzers
                .SelectMany(analyzer => analyzer.SupportedDiagnostics)
                .Select(descriptor => descriptor.Id)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(id => id, _ => ReportDiagnostic.Suppress, StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                options[rule] = ReportDiagnostic.Warn;
            }

            return options.ToImmutableDictionary(StringComparer.Ordinal);
        }

        /// <summary>Loads the other packages' analyzer assemblies (and their neighbours) into this process.</summary>
        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
