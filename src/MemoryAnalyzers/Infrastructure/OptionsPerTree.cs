using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers
{
    /// <summary>
    /// One rule's options as a typed value, read from .editorconfig once per syntax tree and compilation (a weak table:
    /// trees are not kept alive): the one way the rules read their options. Every list option adds to the rule's built-in
    /// list; none replaces it (the docs pages say so under "Configuration").
    /// </summary>
    internal sealed class OptionsPerTree<T>
    {
        private readonly ConditionalWeakTable<SyntaxTree, StrongBox<T>> _byTree = new ConditionalWeakTable<SyntaxTree, StrongBox<T>>();
        private readonly ConditionalWeakTable<SyntaxTree, StrongBox<T>>.CreateValueCallback _read;

        public OptionsPerTree(AnalyzerOptions options, string ruleId, Func<RuleOptionReader, T> parse)
            => _read = tree => new StrongBox<T>(parse(new RuleOptionReader(options, tree, ruleId)));

        public T For(SyntaxTree tree) => _byTree.GetValue(tree, _read).Value;
    }

    /// <summary>Reads the options of one rule for one file: <c>memory_analyzers.MEMnnn.name = value</c>.</summary>
    internal readonly struct RuleOptionReader
    {
        private readonly AnalyzerOptions _options;
        private readonly SyntaxTree _tree;
        private readonly string _ruleId;

        public RuleOptionReader(AnalyzerOptions options, SyntaxTree tree, string ruleId)
        {
            _options = options;
            _tree = tree;
            _ruleId = ruleId;
        }

        /// <summary>The raw value; null when unset.</summary>
        public string? Value(string optionName) => RuleOptions.GetValue(_options, _tree, _ruleId, optionName);

        /// <summary>A comma-separated list, trimmed, empty entries dropped; empty when unset.</summary>
        public ImmutableArray<string> List(string optionName) => RuleOptions.ParseList(Value(optionName));

        /// <summary><c>true</c> or <c>false</c> (any case); <paramref name="defaultValue"/> when unset or unreadable.</summary>
        public bool Flag(string optionName, bool defaultValue)
            => Value(optionName)?.Trim() is { } text && bool.TryParse(text, out var flag) ? flag : defaultValue;
    }
}
