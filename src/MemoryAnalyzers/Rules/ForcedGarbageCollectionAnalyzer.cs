using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM010: <c>GC.Collect(...)</c> in product code. A forced collection is blocking, stops every managed thread, and
    /// promotes whatever is alive at that moment to an older generation, where it costs a full collection to free.
    /// Silent in tests and benchmarks (xunit, NUnit, MSTest, BenchmarkDotNet attributes on the method or its types, or a
    /// project that references one of those frameworks),
    /// with <c>GCCollectionMode.Optimized</c> (the runtime decides), and right after
    /// <c>GCSettings.LargeObjectHeapCompactionMode = CompactOnce</c> (the one way to compact the large object heap now).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ForcedGarbageCollectionAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ForcedGarbageCollection,
            title: "Forced garbage collection",
            messageFormat: "'{0}' forces a blocking collection of {1}, stopping every thread and promoting what is alive; let the runtime decide",
            RuleTags.Performance,
            DiagnosticSeverity.Warning,
            description: "The runtime starts a collection when a generation's budget is used up, sized to what the program allocates. "
                + "GC.Collect() runs a full, blocking collection instead: every managed thread stops, and every object still reachable "
                + "at that moment moves up a generation. Short-lived objects that happened to be alive end up in gen2, where only "
                + "another full collection frees them, and the runtime's tuning of its budgets is thrown off. "
                + "Tests and benchmarks, GCCollectionMode.Optimized and a collection right after asking for a large-object-heap "
                + "compaction are left alone.");

        /// <summary>The attributes that mark a test or a benchmark (or their setup and cleanup), by metadata name.</summary>
        private static readonly ImmutableArray<string> s_testAttributeNames = ImmutableArray.Create(
            "Xunit.FactAttribute",
            "Xunit.TheoryAttribute",
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestCaseSourceAttribute",
            "NUnit.Framework.TestFixtureAttribute",
            "NUnit.Framework.SetUpAttribute",
            "NUnit.Framework.TearDownAttribute",
            "NUnit.Framework.OneTimeSetUpAttribute",
            "NUnit.Framework.OneTimeTearDownAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestInitializeAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestCleanupAttribute",
            "BenchmarkDotNet.Attributes.BenchmarkAttribute",
            "BenchmarkDotNet.Attributes.GlobalSetupAttribute",
            "BenchmarkDotNet.Attributes.GlobalCleanupAttribute",
            "BenchmarkDotNet.Attributes.IterationSetupAttribute",
            "BenchmarkDotNet.Attributes.IterationCleanupAttribute");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (GcMembers.TryCreate(start.Compilation) is not { } gc)
                {
                    return;
                }

                var testAttributes = RuleOptions.ResolveTypes(start.Compilation, s_testAttributeNames);
                if (ReferencesTestFramework(start.Compilation, testAttributes))
                {
                    return;
                }

                var testCode = new TestCode(testAttributes);
                start.RegisterOperationAction(context => AnalyzeInvocation(context, gc, testCode), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, GcMembers gc, TestCode testCode)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!gc.IsGcCall(invocation, "Collect")
                || IsOptimized(invocation, gc)
                || FollowsLargeObjectHeapCompaction(invocation, gc)
                || testCode.Contains(context.ContainingSymbol))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.Syntax.ToString(), Generations(invocation)));
        }

        /// <summary>
        /// A project that references a test or benchmark framework is a test or benchmark project as a whole: its base
        /// classes and helpers (an unmarked <c>Act()</c> of a test base class) are test code too. Attribute types declared
        /// in the project's own source do not count.
        /// </summary>
        private static bool ReferencesTestFramework(Compilation compilation, ImmutableArray<INamedTypeSymbol> testAttributes)
        {
            foreach (var attribute in testAttributes)
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.ContainingAssembly, compilation.Assembly))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>GC.Collect(g, GCCollectionMode.Optimized…)</c>: the runtime collects only when it judges it worthwhile. A mode
        /// that is not a constant may be Optimized, so it is left alone too.
        /// </summary>
        internal static bool IsOptimized(IInvocationOperation invocation, GcMembers gc)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, gc.CollectionMode))
                {
                    var value = argument.Value.WithoutImplicitConversions().ConstantValue;
                    return !value.HasValue || (value.Value is int mode && mode == GcMembers.OptimizedCollectionMode);
                }
            }

            return false;
        }

        /// <summary>The statement before the call asks for a one-off compaction of the large object heap, which the collection performs.</summary>
        private static bool FollowsLargeObjectHeapCompaction(IInvocationOperation invocation, GcMembers gc)
            => FunctionStructure.StatementInBlock(invocation, out var block) is { } statement
                && FunctionStructure.PreviousStatement(statement, block!) is IExpressionStatementOperation { Operation: var previous }
                && gc.IsSettingsAssignment(previous, "LargeObjectHeapCompactionMode")
                && ((ISimpleAssignmentOperation)previous).Value.WithoutImplicitConversions().ConstantValue is { HasValue: true, Value: int compaction }
                && compaction == GcMembers.CompactOnce;

        /// <summary>What the call collects: <c>GC.Collect(0)</c> only gen0, <c>GC.Collect(1)</c> gen0 and gen1, otherwise all.</summary>
        private static string Generations(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "generation" && argument.Value.ConstantValue is { HasValue: true, Value: int generation } && generation < 2)
                {
                    return generation <= 0 ? "gen0" : "gen0 and gen1";
                }
            }

            return "every generation";
        }

        /// <summary>
        /// Whether a member is test or benchmark code: it, a function or type around it, or (for xunit classes, which carry no
        /// attribute of their own) any member of its type is marked with one of the attributes, or an attribute derived from one.
        /// </summary>
        private sealed class TestCode
        {
            private readonly ImmutableArray<INamedTypeSymbol> _attributes;
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _types = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

            public TestCode(ImmutableArray<INamedTypeSymbol> attributes) => _attributes = attributes;

            public bool Contains(ISymbol? symbol)
            {
                if (_attributes.IsEmpty)
                {
                    return false;
                }

                for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
                {
                    if (current is INamedTypeSymbol type ? _types.GetOrAdd(type, IsTestType) : IsMarked(current))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsTestType(INamedTypeSymbol type)
            {
                if (IsMarked(type))
                {
                    return true;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol && IsMarked(member))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsMarked(ISymbol symbol)
            {
                foreach (var attribute in symbol.GetAttributes())
                {
                    for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                    {
                        foreach (var known in _attributes)
                        {
                            if (SymbolEqualityComparer.Default.Equals(type, known))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }
        }
    }
}
