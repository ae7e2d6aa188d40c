using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM017: a local <c>Dictionary&lt;string, T&gt;</c> (or <c>IDictionary&lt;string, T&gt;</c>), or an <c>ExpandoObject</c>
    /// used through <c>dynamic</c>, that gets a fixed set of constant keys where it is created and is then only read with
    /// constant keys: a record with one property per key holds the same values in a fraction of the memory.
    /// </summary>
    /// <remarks>
    /// The callback runs on variable declarators (so that the diagnostic on the local's name is local to the analysed
    /// operation) and rejects on the created type first (a symbol comparison); only a candidate whose declaration and
    /// fill statements match makes it walk the function for the local's other uses.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DictionaryUsedAsRecordAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Measured with <c>GC.GetAllocatedBytesForCurrentThread</c> on .NET 10, x64 (see docs/rules/MEM017.md).</summary>
        internal const int DictionaryBytes = 264;

        internal const int ExpandoBytes = 328;

        internal const int RecordBytes = 40;

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.DictionaryUsedAsRecord,
            title: "Dictionary or property bag used as a record",
            messageFormat: "'{0}' is used as a record (keys {1}): a three-entry {2} takes {3} bytes, a three-field record {4}",
            RuleTags.Performance,
            DiagnosticSeverity.Info,
            description: "A dictionary with constant string keys that are all set where it is created and only read afterwards holds a record's values the expensive way: "
                + "the dictionary object, a buckets array, an entries array with a hash code, a link and the key for each value, and a box for every value-type value. "
                + "A record stores the values in fields of one object, checks the keys at compile time and types each value. "
                + "The rule reports a local Dictionary<string, T> (or IDictionary<string, T>) or an ExpandoObject used through dynamic that is never enumerated, passed, returned or written after it is filled.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (RecordLikeTypes.TryCreate(start.Compilation) is not { } types)
                {
                    return;
                }

                start.RegisterOperationAction(
                    context =>
                    {
                        if (context.Operation is IVariableDeclaratorOperation { Initializer.Value: var initial }
                            && initial.WithoutImplicitConversions() is IObjectCreationOperation creation
                            && types.IsCandidate(creation.Type)
                            && RecordLikeLocal.TryCreate(creation, types) is { } record)
                        {
                            context.ReportDiagnostic(Create(record));
                        }
                    },
                    OperationKind.VariableDeclarator);
            });
        }

        private static Diagnostic Create(RecordLikeLocal record)
        {
            var keys = string.Join(", ", record.Entries.Select(entry => "\"" + entry.Key + "\""));
            return Diagnostic.Create(
                Rule,
                record.Local.Locations[0],
                record.Local.Name,
                keys,
                record.IsExpando ? "ExpandoObject" : "Dictionary<string, object>",
                record.IsExpando ? ExpandoBytes : DictionaryBytes,
                RecordBytes);
        }
    }
}
