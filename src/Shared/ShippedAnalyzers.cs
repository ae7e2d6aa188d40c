using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
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
        public static ImmutableArray<DiagnosticAnalyzer> All { get; } = InstancesOf<DiagnosticAnalyzer>(typeof(StringConcatenationInLoopAnalyzer).Assembly);

        /// <summary>One instance of every concrete <typeparamref name="T"/> in the assembly, ordered by type name.</summary>
        public static ImmutableArray<T> InstancesOf<T>(Assembly assembly)
            => assembly.GetTypes()
                .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type))
                .OrderBy(type => type.Name, StringComparer.Ordinal)
                .Select(type => (T)Activator.CreateInstance(type)!)
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
