using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.MaterializedCollectionConsumedOnceAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.MaterializedCollectionConsumedOnceFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM006 on copies of query expressions and of projections to new objects: the initializer of an anonymous object
    /// (<c>select new { ... }</c>, and those a query's <c>let</c> and <c>join</c> create) or of an object being created
    /// sets a member of that object, not a variable the code shares.
    /// </summary>
    public sealed class MaterializedCollectionConsumedOnceQueryTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            record Person(string Name, int Age);
            record Team(string Name, string Lead);
            class Row { public string Name { get; set; } = ""; public int Age { get; set; } }

            class C
            {
                private readonly List<Person> _people = new List<Person>();

                void M(List<Person> people, Team[] teams, IQueryable<Person> query)
                {
                    {{body}}
                }

                static string Transform(Person p) => p.Name.ToUpperInvariant();
                void Forget(Person p) => _people.Remove(p);
            }
            """;

        [Theory]
        [InlineData("var rows = {|MEM006:(from p in people where p.Age > 18 select new { p.Name, p.Age }).ToList()|};\nforeach (var row in rows) { Console.WriteLine(row.Name + row.Age); }")]
        [InlineData("foreach (var row in {|MEM006:(from p in people where p.Age > 18 select new { p.Name }).ToList()|}) { Console.WriteLine(row.Name); }")]
        [InlineData("var rows = {|MEM006:(from p in people let initial = p.Name[0] orderby p.Age descending select new { p.Name, initial }).ToArray()|};\nforeach (var row in rows) { Console.WriteLine(row.initial); }")]
        [InlineData("var rows = {|MEM006:(from p in people join t in teams on p.Name equals t.Lead select new { p.Name, Team = t.Name }).ToList()|};\nforeach (var row in rows) { Console.WriteLine(row.Team); }")]
        [InlineData("var rows = {|MEM006:(from p in people group p by p.Age into g select new { Age = g.Key, Count = g.Count() }).ToList()|};\nforeach (var row in rows) { Console.WriteLine(row.Count); }")]
        [InlineData("var rows = {|MEM006:(from p in _people select new Row { Name = p.Name, Age = p.Age }).ToList()|};\nforeach (var row in rows) { Console.WriteLine(row.Name); }")]
        [InlineData("var rows = {|MEM006:people.Select(p => new { p.Name, Adult = p.Age >= 18 }).ToList()|};\nforeach (var row in rows) { Console.WriteLine(row.Adult); }")]
        [InlineData("var rows = {|MEM006:people.Select(p => new Row { Name = p.Name }).ToArray()|};\nforeach (var row in rows) { Console.WriteLine(row.Name + row.Age); }")]
        [InlineData("var names = string.Join(\",\", {|MEM006:(from p in people select new { p.Name }).ToList()|});")]
        [InlineData("var adults = {|MEM006:(from p in people where p.Age > 18 select new { p.Name }).ToList()|}.Count();")]
        public Task Reports_a_copy_of_a_query_or_projection_enumerated_once(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Theory]
        // The loop changes the source the query reads.
        [InlineData("var rows = (from p in people where p.Age > 18 select new { Person = p, p.Name }).ToList();\nforeach (var row in rows) { people.Remove(row.Person); }")]
        [InlineData("foreach (var row in (from p in _people select new { Person = p }).ToList()) { Forget(row.Person); }")]
        // Used twice, counted, or kept.
        [InlineData("var rows = (from p in people select new { p.Name }).ToList();\nforeach (var row in rows) { }\nforeach (var row in rows) { }")]
        [InlineData("var rows = (from p in people select new { p.Name }).ToList();\nConsole.WriteLine(rows.Count);")]
        // The query runs code of the project, or has side effects, that the copy runs up front.
        [InlineData("var rows = (from p in people select new { Name = Transform(p) }).ToList();\nforeach (var row in rows) { Console.WriteLine(row.Name); }")]
        [InlineData("var count = 0;\nvar rows = people.Select(p => new { p.Name, Index = count++ }).ToList();\nforeach (var row in rows) { Console.WriteLine(row.Index); }")]
        [InlineData("var rows = people.Select(p => { var row = new Row(); row.Name = p.Name; return row; }).ToList();\nforeach (var row in rows) { Console.WriteLine(row.Name); }")]
        // A database query: the copy runs it and releases the connection.
        [InlineData("var rows = (from p in query where p.Age > 18 select new { p.Name }).ToList();\nforeach (var row in rows) { Console.WriteLine(row.Name); }")]
        public Task Stays_silent_when_the_copy_of_a_query_is_needed(string body) => VerifyCS.VerifyAnalyzerAsync(InMethod(body));

        [Fact]
        public Task Removes_the_copy_of_a_query_and_the_local_that_held_it() => VerifyCS.VerifyCodeFixAsync(
            InMethod("""
                // Adults by name.
                        var rows = {|MEM006:(from p in people
                                    where p.Age > 18
                                    select new { p.Name, p.Age }).ToList()|};
                        foreach (var row in rows)
                        {
                            Console.WriteLine(row.Name);
                        }

                        foreach (var row in {|MEM006:(from p in people select new { p.Name }).ToList()|}) { Console.WriteLine(row.Name); }
                        var adults = {|MEM006:(from p in people where p.Age > 18 select new { p.Name }).ToList()|}.Count();
                """),
            InMethod("""
                // Adults by name.
                        foreach (var row in (from p in people
                                    where p.Age > 18
                                    select new { p.Name, p.Age }))
                        {
                            Console.WriteLine(row.Name);
                        }

                        foreach (var row in (from p in people select new { p.Name })) { Console.WriteLine(row.Name); }
                        var adults = (from p in people where p.Age > 18 select new { p.Name }).Count();
                """));
    }
}
