using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.MaterializedCollectionConsumedOnceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.MaterializedCollectionConsumedOnceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM006 on <c>List&lt;T&gt;.ToArray()</c> and on arrays passed to a library method that has an overload taking the
    /// sequence itself (<c>string.Join(",", names.ToArray())</c>); silent where the array is what the callee needs.
    /// </summary>
    public sealed class MaterializedCollectionConsumedOnceArgumentTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.IO;
            using System.Linq;
            using System.Linq.Expressions;
            using System.Text;

            class Names : List<string>
            {
                public string Joined() => string.Join(",", ToArray());
            }

            class C
            {
                private readonly List<string> _names = new List<string>();

                void M(IEnumerable<string> items, List<int> ids, List<object> objects, List<Type> types, List<Expression> expressions, Names named)
                {
                    var names = new List<string>();
                    names.Add("a");
                    {{body}}
                }

                static void Take(string[] values) { }
                static void Take(IEnumerable<string> values) { }
            }
            """;

        [Theory]
        [InlineData("var text = string.Join(\",\", {|MEM006:names.ToArray()|});")]
        [InlineData("var text = string.Join(',', {|MEM006:names.ToArray()|});")]
        [InlineData("var text = string.Concat({|MEM006:names.ToArray()|});")]
        [InlineData("var text = string.Join(separator: \",\", value: {|MEM006:names.ToArray()|});")]
        [InlineData("var text = string.Join(\",\", {|MEM006:ids.ToArray()|});")]
        [InlineData("var text = string.Join(\",\", {|MEM006:objects.ToArray()|});")]
        [InlineData("var text = string.Join(\",\", {|MEM006:_names.ToArray()|});")]
        [InlineData("var text = string.Join(\",\", {|MEM006:named.ToArray()|});")]
        [InlineData("Console.WriteLine(\"names: \" + string.Join(\", \", {|MEM006:names.ToArray()|}));")]
        [InlineData("var text = string.Join(\",\", {|MEM006:names.Where(n => n.Length > 0).ToArray()|});")]
        [InlineData("File.WriteAllLines(\"names.txt\", {|MEM006:names.ToArray()|});")]
        [InlineData("foreach (var name in {|MEM006:names.ToArray()|}) { Console.WriteLine(name); }")]
        [InlineData("var any = {|MEM006:names.ToArray()|}.Any(n => n.Length > 1);")]
        [InlineData("var unique = new HashSet<string>({|MEM006:names.ToArray()|});")]
        [InlineData("var array = {|MEM006:names.ToArray()|};\nConsole.WriteLine(string.Join(\",\", array));")]
        [InlineData("var array = {|MEM006:names.ToArray()|};\nvar text = string.Concat(array);")]
        public Task Reports_an_array_copy_that_a_sequence_overload_would_take(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        // No overload takes a sequence: the array is what the callee needs.
        [InlineData("var type = typeof(Dictionary<,>).MakeGenericType(types.ToArray());")]
        [InlineData("var path = Path.Combine(names.ToArray());")]
        [InlineData("var instance = Activator.CreateInstance(typeof(object), objects.ToArray());")]
        [InlineData("var text = string.Join(\",\", names.ToArray(), 0, 1);")]
        // A method of the project: its array parameter is what it needs, whatever its other overloads.
        [InlineData("Take(names.ToArray());")]
        // The result may keep the sequence and read it later: the array is a snapshot it does not share.
        [InlineData("var call = Expression.NewArrayInit(typeof(object), expressions.ToArray());")]
        [InlineData("var text = new StringBuilder().AppendJoin(\",\", names.ToArray());")]
        // The loop or the code in between changes the list; AddRange on a collection not created here with 'new' might.
        [InlineData("var builder = ImmutableArray.CreateBuilder<string>(); builder.AddRange(names.ToArray());")]
        [InlineData("foreach (var name in names.ToArray()) { names.Remove(name); }")]
        [InlineData("foreach (var name in _names.ToArray()) { _names.Clear(); }")]
        [InlineData("var array = names.ToArray();\nnames.Clear();\nConsole.WriteLine(string.Join(\",\", array));")]
        // Used more than once, indexed, counted or kept.
        [InlineData("var array = names.ToArray();\nConsole.WriteLine(array.Length + string.Join(\",\", array));")]
        [InlineData("var first = names.ToArray()[0];")]
        [InlineData("Take((IEnumerable<string>)names.ToArray());")]
        public Task Stays_silent_where_the_array_is_needed(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Removes_ToArray_before_a_sequence_overload() => VerifyCS.VerifyCodeFixAsync(
            InMethod("""
                var joined = string.Join(",", {|MEM006:names.ToArray()|});
                        var concatenated = string.Concat({|MEM006:names.ToArray()|});
                        var numbers = string.Join(", ", {|MEM006:ids.ToArray()|});
                        // Every name, once.
                        var array = {|MEM006:names.ToArray()|};
                        Console.WriteLine(string.Join(";", array));
                        foreach (var name in {|MEM006:_names.ToArray()|}) { Console.WriteLine(name); }
                """),
            InMethod("""
                var joined = string.Join(",", names);
                        var concatenated = string.Concat(names);
                        var numbers = string.Join(", ", ids);
                        // Every name, once.
                        Console.WriteLine(string.Join(";", names));
                        foreach (var name in _names) { Console.WriteLine(name); }
                """));
    }
}
