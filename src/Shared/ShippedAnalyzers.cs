using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers.Shared
{
    /// <summary>
    /// Shared by the programs and tests that run the analyzers in-process (linked source, not a shipping assembly):
    /// every analyzer the package ships, found by reflection so a new rule is picked up without a list to maintain.
    /// </summary>
    internal static class ShippedAnalyzers
    {
        public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(StringConcatenationInLoopAnalyzer).Assembly
            .GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
    }

    /// <summary>The running runtime's own assemblies as references: code compiled against them runs on exactly this runtime.</summary>
    internal static class RuntimeReferences
    {
        public static ImmutableArray<MetadataReference> All { get; } = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
