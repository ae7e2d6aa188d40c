using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The options of the closure rules, read once per syntax tree: <c>large_types</c> (metadata names of types that
    /// count as large, besides arrays, strings, collections and streams) and <c>keeping_methods</c> (methods and
    /// constructors that keep a delegate they are given, besides the known ones).
    /// </summary>
    internal sealed class ClosureRuleSettings
    {
        private readonly OptionsPerTree<Values> _byTree;

        public ClosureRuleSettings(Compilation compilation, AnalyzerOptions options, string ruleId)
            => _byTree = new OptionsPerTree<Values>(options, ruleId, reader => new Values(
                RuleOptions.ResolveTypes(compilation, reader.List(RuleOptionNames.LargeTypes)),
                reader.List(RuleOptionNames.KeepingMethods)));

        public Values For(SyntaxTree tree) => _byTree.For(tree);

        internal sealed class Values
        {
            public Values(ImmutableArray<INamedTypeSymbol> largeTypes, ImmutableArray<string> keepingMembers)
            {
                LargeTypes = largeTypes;
                KeepingMembers = keepingMembers;
            }

            public ImmutableArray<INamedTypeSymbol> LargeTypes { get; }

            public ImmutableArray<string> KeepingMembers { get; }
        }
    }
}
