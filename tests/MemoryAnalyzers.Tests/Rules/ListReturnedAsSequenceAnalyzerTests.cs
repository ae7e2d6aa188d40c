using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.ListReturnedAsSequenceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.ListReturnedAsSequenceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class ListReturnedAsSequenceAnalyzerTests
    {
        private static string InClass(string members) => $$"""
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;

            class C
            {
                private readonly int[] _values = { 1, 2, 3 };
                private List<int>? _kept;

            {{members}}
            }
            """;

        [Theory]
        [InlineData("IEnumerable<int> {|MEM008:Evens|}(int[] values) { var result = new List<int>(); foreach (var v in values) { if (v % 2 == 0) result.Add(v); } return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:Twice|}(int[] values) { var result = new List<int>(values.Length * 2); result.AddRange(values); result.AddRange(values); return result; }")]
        [InlineData("IEnumerable {|MEM008:Untyped|}() { var result = new List<object>(); result.Add(1); return result; }")]
        [InlineData("IEnumerable<object> {|MEM008:Covariant|}() { List<string> result = new(); result.Add(\"a\"); return result; }")]
        [InlineData("IEnumerable<int> Values { {|MEM008:get|} { var result = new List<int>(); foreach (var v in _values) result.Add(v * 2); return result; } }")]
        [InlineData("IEnumerable<int> {|MEM008:Early|}(bool stop) { var result = new List<int>(); if (stop) return result; result.Add(1); return result; }")]
        [InlineData("IEnumerable<int> {|MEM008:Empty|}() { var result = new List<int>(); return result; }")]
        [InlineData("IEnumerable<int> Copy(int[] values) => {|MEM008:values.Where(v => v > 0).ToList()|};")]
        [InlineData("IEnumerable<int> Copy(int[] values) { return {|MEM008:values.Select(v => v * 2).ToArray()|}; }")]
        [InlineData("void Outer() { IEnumerable<int> {|MEM008:Local|}() { var result = new List<int>(); result.Add(1); return result; } Console.WriteLine(Local().Count()); }")]
        public Task Reports_every_form(string members) => VerifyCS.VerifyAnalyzerAsync(InClass(members));

        [Theory]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); result.Add(1); Console.WriteLine(result.Count); return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); result.Add(1); result.Add(result[0]); return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); result.Add(2); result.Sort(); return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); result.Add(2); _kept = result; return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); result.Add(2); Keep(result); return result; }")]
        [InlineData("IEnumerable<int> M(bool b) { var result = new List<int>(); result.Add(2); if (b) return new List<int>(); return result; }")]
        [InlineData("IEnumerable<int> M(bool b) { var result = new List<int>(); var other = new List<int>(); result.Add(2); if (b) return other; return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int> { 1 }; result.Add(2); return result; }")]
        [InlineData("IEnumerable<int> M(List<int> source) { var result = new List<int>(source); result.Add(2); return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); Action add = () => result.Add(1); add(); return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); _values.ToList().ForEach(v => result.Add(v)); return result; }")]
        [InlineData("List<int> M() { var result = new List<int>(); result.Add(1); return result; }")]
        [InlineData("IReadOnlyList<int> M() { var result = new List<int>(); result.Add(1); return result; }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); result.Add(1); Console.WriteLine(); return result.AsReadOnly(); }")]
        [InlineData("IEnumerable<int> M() { var result = new List<int>(); foreach (var v in _values) { result.Add(v); } result.RemoveAt(0); return result; }")]
        [InlineData("IEnumerable<string> M(IQueryable<string> query) => query.Where(q => q.Length > 0).ToList();")]
        [InlineData("List<int> M(int[] values) => values.Where(v => v > 0).ToList();")]
        [InlineData("IEnumerable<int> M(int[] values) { Func<IEnumerable<int>> f = () => values.ToList(); return f(); }")]
        [InlineData("IEnumerable<int> M(int[] values) { foreach (var v in values) yield return v; }")]
        [InlineData("IEnumerable<int> P => _kept ?? new List<int>();")]
        // Declared inside a try: not the shape the fix knows; the list is not the whole body's result.
        [InlineData("IEnumerable<int> M(int[] values) { try { var result = new List<int>(); foreach (var v in values) result.Add(v); return result; } finally { Console.WriteLine(); } }")]
        public Task Stays_silent_when_the_list_is_more_than_a_sequence(string members) => VerifyCS.VerifyAnalyzerAsync(InClass(members + "\n    void Keep(List<int> list) => _kept = list;"));

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.Preview)]
        public Task Reports_on_every_language_version(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class C
            {
                IEnumerable<int> {|MEM008:Squares|}(int n)
                {
                    var result = new List<int>();
                    for (var i = 0; i < n; i++)
                    {
                        result.Add(i * i);
                    }

                    return result;
                }
            }
            """, version);

        [Fact]
        public Task Reports_in_records_and_primary_constructors() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            record Inventory(string[] Names)
            {
                public IEnumerable<string> {|MEM008:Upper|}()
                {
                    var result = new List<string>();
                    foreach (var name in Names)
                    {
                        if (name is { Length: > 0 } nonEmpty)
                        {
                            result.Add(nonEmpty.ToUpperInvariant());
                        }
                    }

                    return result;
                }
            }

            class Catalog(int count)
            {
                public IEnumerable<int> {|MEM008:Numbers|}()
                {
                    var result = new List<int>();
                    for (var i = 0; i < count; i++) result.Add(i);
                    return result;
                }
            }
            """);

        [Fact]
        public Task Names_the_member_in_the_message() => VerifyCS.VerifyAnalyzerAsync(
            InClass("IEnumerable<int> {|#0:Build|}() { {|#1:var result = new List<int>();|} result.Add(1); {|#2:return result;|} }"),
            VerifyCS.Diagnostic("MEM008").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Build", ListReturnedAsSequenceAnalyzer.BuildsList, ListReturnedAsSequenceAnalyzer.YieldInstead));

        [Fact]
        public Task Says_a_returned_copy_is_an_array_to_drop() => VerifyCS.VerifyAnalyzerAsync(
            InClass("IEnumerable<int> Copy(int[] values) { return {|#0:values.Select(v => v * 2).ToArray()|}; }"),
            VerifyCS.Diagnostic("MEM008").WithLocation(0).WithArguments("Copy", ListReturnedAsSequenceAnalyzer.CopiesToArray, ListReturnedAsSequenceAnalyzer.ReturnQueryInstead));
    }
}
