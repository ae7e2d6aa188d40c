using System.Collections.Concurrent;
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
        public const string LargeTypesOption = "large_types";
        public const string KeepingMethodsOption = "keeping_methods";

        private readonly Compilation _compilation;
        private readonly string _ruleId;
        private readonly ConcurrentDictionary<SyntaxTree, Values> _byTree = new ConcurrentDictionary<SyntaxTree, Values>();

        public ClosureRuleSettings(Compilation compilation, string ruleId)
        {
            _compilation = compilation;
            _ruleId = ruleId;
        }

        public Values For(AnalyzerOptions options, SyntaxTree tree)
            => _byTree.GetOrAdd(tree, key => new Values(
                RuleOptions.ResolveTypes(_compilation, RuleOptions.GetList(options, key, _ruleId, LargeTypesOption)),
                RuleOptions.GetList(options, key, _ruleId, KeepingMethodsOption)));

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
