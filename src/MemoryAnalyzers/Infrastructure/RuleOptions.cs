using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Reads rule options from .editorconfig (or a global AnalyzerConfig): <c>memory_analyzers.MEMnnn.option_name = value</c>.
    /// Severity is not an option of ours: the compiler applies <c>dotnet_diagnostic.MEMnnn.severity</c> itself.
    /// </summary>
    internal static class RuleOptionNames
    {
        /// <summary>MEM004: types never reported (metadata names).</summary>
        public const string ExcludedTypes = "excluded_types";

        /// <summary>MEM004: methods whose result the caller owns, besides the known factories.</summary>
        public const string FactoryMethods = "factory_methods";

        /// <summary>MEM004: also report disposables that hold nothing but managed memory.</summary>
        public const string IncludeTypesWithoutResource = "include_types_without_resource";

        /// <summary>MEM002, MEM003: types that count as large, besides arrays, strings, collections and streams.</summary>
        public const string LargeTypes = "large_types";

        /// <summary>MEM002, MEM003: methods and constructors that keep a delegate they are given, besides the known ones.</summary>
        public const string KeepingMethods = "keeping_methods";

        /// <summary>MEM006: methods whose lazy results are copied on purpose, besides the file-system enumerations.</summary>
        public const string EagerSources = "eager_sources";
    }

    /// <summary>The raw access to the options; rules read them through <see cref="OptionsPerTree{T}"/>.</summary>
    internal static class RuleOptions
    {
        public static string Key(string ruleId, string optionName) => "memory_analyzers." + ruleId + "." + optionName;

        /// <summary>The raw value for <paramref name="tree"/>, falling back to the global options; null when unset.</summary>
        public static string? GetValue(AnalyzerOptions options, SyntaxTree tree, string ruleId, string optionName)
        {
            var key = Key(ruleId, optionName);
            if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value)
                || options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out value))
            {
                return value;
            }

            return null;
        }

        /// <summary>A comma-separated list, trimmed, empty entries dropped.</summary>
        public static ImmutableArray<string> ParseList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return ImmutableArray<string>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in value!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    builder.Add(trimmed);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Resolves metadata names (<c>System.IO.MemoryStream</c>, <c>List`1</c> style) to types; unknown names are skipped.</summary>
        public static ImmutableArray<INamedTypeSymbol> ResolveTypes(Compilation compilation, ImmutableArray<string> metadataNames)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(metadataNames.Length);
            foreach (var name in metadataNames)
            {
                if (compilation.FindType(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }
}
