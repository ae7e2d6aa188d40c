using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// What a diagnostic tells its code fix, written by the analyzer and read by the fixer one way: flags as "true" or
    /// absent-or-"false", numbers in the invariant culture, enums by name.
    /// </summary>
    internal readonly struct DiagnosticProperties
    {
        private readonly ImmutableDictionary<string, string?>? _values;

        private DiagnosticProperties(ImmutableDictionary<string, string?> values) => _values = values;

        public static DiagnosticProperties Empty => new DiagnosticProperties(ImmutableDictionary<string, string?>.Empty);

        private ImmutableDictionary<string, string?> Values => _values ?? ImmutableDictionary<string, string?>.Empty;

        public DiagnosticProperties With(string name, string value) => new DiagnosticProperties(Values.SetItem(name, value));

        public DiagnosticProperties With(string name, bool value) => With(name, value ? "true" : "false");

        public DiagnosticProperties With(string name, int value) => With(name, value.ToString(CultureInfo.InvariantCulture));

        public DiagnosticProperties With<TEnum>(string name, TEnum value)
            where TEnum : struct, Enum
            => With(name, value.ToString());

        /// <summary>
        /// The diagnostic carrying these properties: the one way a rule that hands facts to its fix reports (a struct passed
        /// straight to <see cref="Diagnostic.Create(DiagnosticDescriptor, Location, object[])"/> would silently become a
        /// message argument).
        /// </summary>
        public Diagnostic CreateDiagnostic(DiagnosticDescriptor rule, Location location, IEnumerable<Location>? additionalLocations, params object?[] messageArgs)
            => Diagnostic.Create(rule, location, additionalLocations, Values, messageArgs);

        /// <summary>True when the analyzer set the flag.</summary>
        public static bool IsSet(Diagnostic diagnostic, string name)
            => diagnostic.Properties.TryGetValue(name, out var value) && value == "true";

        /// <summary>The text the analyzer stored; null when it stored none.</summary>
        public static string? Text(Diagnostic diagnostic, string name)
            => diagnostic.Properties.TryGetValue(name, out var value) ? value : null;

        /// <summary>The number the analyzer stored; null when it stored none.</summary>
        public static int? Number(Diagnostic diagnostic, string name)
            => int.TryParse(Text(diagnostic, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

        /// <summary>The enum value the analyzer stored; null when it stored none.</summary>
        public static TEnum? Enum<TEnum>(Diagnostic diagnostic, string name)
            where TEnum : struct, Enum
            => System.Enum.TryParse<TEnum>(Text(diagnostic, name), out var value) ? value : null;
    }
}
