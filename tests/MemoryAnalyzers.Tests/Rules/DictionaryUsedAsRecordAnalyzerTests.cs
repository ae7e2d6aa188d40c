using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.DictionaryUsedAsRecordAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.DictionaryUsedAsRecordFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class DictionaryUsedAsRecordAnalyzerTests
    {
        [Fact]
        public Task Reports_an_index_initializer_with_the_keys_and_sizes_in_the_message() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Report
            {
                string Describe(string name, int age)
                {
                    var {|#0:person|} = new Dictionary<string, object> { ["name"] = name, ["age"] = age };
                    return (string)person["name"] + " " + person["age"];
                }
            }
            """, VerifyCS.Diagnostic("MEM017").WithLocation(0).WithArguments("person", "\"name\", \"age\"", "Dictionary<string, object>", 264, 40));

        [Fact]
        public Task Reports_every_way_of_filling_the_keys() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Report
            {
                int Sum(int x, int y)
                {
                    var {|MEM017:a|} = new Dictionary<string, int> { { "x", x }, { "y", y } };
                    Dictionary<string, int> {|MEM017:b|} = new();
                    b["x"] = x;
                    b["y"] = y;
                    IDictionary<string, int> {|MEM017:c|} = new Dictionary<string, int>(2);
                    c.Add("x", x);
                    c.Add("y", y);
                    const string Key = "y";
                    var {|MEM017:d|} = new Dictionary<string, int> { ["x"] = x };
                    d[Key] = y;
                    return a["x"] + a["y"] + b["x"] + b["y"] + c["x"] + c[Key] + d["x"] + d["y"];
                }
            }
            """);

        [Fact]
        public Task Reports_an_ExpandoObject_used_through_dynamic() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Dynamic;

            class Report
            {
                string Describe(string name, int age)
                {
                    dynamic {|#0:person|} = new ExpandoObject();
                    person.Name = name;
                    person.Age = age;
                    return person.Name + " " + person.Age;
                }
            }
            """, VerifyCS.Diagnostic("MEM017").WithLocation(0).WithArguments("person", "\"Name\", \"Age\"", "ExpandoObject", 328, 40));

        [Fact]
        public Task Reports_reads_with_TryGetValue_in_lambdas_and_local_functions() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            class Report
            {
                Func<string> Describe(string name, string city)
                {
                    var {|MEM017:person|} = new Dictionary<string, string> { ["name"] = name, ["city"] = city };
                    string Name() => person["name"];
                    return () => person.TryGetValue("city", out var c) ? Name() + c : Name();
                }
            }
            """);

        [Fact]
        public Task Reports_a_read_of_a_key_that_was_never_set() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Report
            {
                object Describe(string name, int age)
                {
                    var {|MEM017:person|} = new Dictionary<string, object> { ["name"] = name, ["age"] = age };
                    return person["city"];
                }
            }
            """);

        [Fact]
        public Task Reports_in_top_level_statements_records_and_primary_constructors() => VerifyCS.VerifyProgramAsync("""
            using System;
            using System.Collections.Generic;

            var {|MEM017:point|} = new Dictionary<string, double> { ["x"] = 1.5, ["y"] = 2.5 };
            Console.WriteLine(point["x"] + point["y"]);

            record Shape(string Name)
            {
                public string Describe(int sides)
                {
                    var {|MEM017:parts|} = new Dictionary<string, object> { ["name"] = Name, ["sides"] = sides };
                    return parts["name"] is string name && parts["sides"] is int n ? name + n : "";
                }
            }

            class Panel(string title)
            {
                public string Title()
                {
                    var {|MEM017:parts|} = new Dictionary<string, string> { ["title"] = title, ["suffix"] = "!" };
                    return parts["title"] + parts["suffix"];
                }
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp3)]
        [InlineData(LanguageVersion.CSharp7_3)]
        public Task Reports_in_old_language_versions(LanguageVersion version) => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Report
            {
                int Sum(int x, int y)
                {
                    Dictionary<string, int> {|MEM017:point|} = new Dictionary<string, int>();
                    point["x"] = x;
                    point["y"] = y;
                    return point["x"] * point["y"];
                }
            }
            """, version);

        [Fact]
        public Task Stays_silent_when_the_dictionary_escapes_or_is_used_as_a_dictionary() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            class Report
            {
                Dictionary<string, int> Returned(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return d;
                }

                void Passed(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    Console.WriteLine(d["x"]);
                    Use(d);
                }

                int Enumerated(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    var sum = 0;
                    foreach (var pair in d)
                    {
                        sum += pair.Value;
                    }

                    return sum + d.Values.Sum() + d["x"];
                }

                int Counted(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return d.Count + d["x"];
                }

                int WrittenLater(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    Console.WriteLine();
                    d["z"] = 3;
                    return d["x"];
                }

                int Updated(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    d["x"]++;
                    d["y"] += 2;
                    return d["x"];
                }

                int VariableKey(int x, int y, string key)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return d[key];
                }

                int VariableKeySet(int x, int y, string key)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, [key] = y };
                    return d["x"];
                }

                bool Probed(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return d.ContainsKey("x") && d["y"] > 0 && d.TryGetValue("z", out _);
                }

                int WithComparer(int x, int y)
                {
                    var d = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["x"] = x, ["y"] = y };
                    return d["X"];
                }

                int OneKey(int x)
                {
                    var d = new Dictionary<string, int> { ["x"] = x };
                    return d["x"];
                }

                int DuplicateKey(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["x"] = y, ["y"] = y };
                    return d["x"];
                }

                int NeverRead(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return x;
                }

                int IntKeys(int x, int y)
                {
                    var d = new Dictionary<int, int> { [1] = x, [2] = y };
                    return d[1];
                }

                int Reassigned(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    d = new Dictionary<string, int>();
                    return d["x"];
                }

                int AsReadOnly(int x, int y)
                {
                    IReadOnlyDictionary<string, int> d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return d["x"];
                }

                int InUsing(int x, int y)
                {
                    object d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return d.GetHashCode();
                }

                int Captured(int x, int y)
                {
                    var d = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    Func<Dictionary<string, int>> get = () => d;
                    return get()["x"];
                }

                int Field(int x, int y)
                {
                    _field = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return _field["x"];
                }

                private Dictionary<string, int> _field;

                static void Use(Dictionary<string, int> d) { }
            }
            """);

        [Fact]
        public Task Stays_silent_for_an_ExpandoObject_that_is_passed_typed_or_called() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Dynamic;

            class Report
            {
                object Passed(string name, int age)
                {
                    dynamic person = new ExpandoObject();
                    person.Name = name;
                    person.Age = age;
                    return person;
                }

                object Typed(string name, int age)
                {
                    var person = new ExpandoObject();
                    return person;
                }

                void Called(string name, Action act)
                {
                    dynamic person = new ExpandoObject();
                    person.Name = name;
                    person.Act = act;
                    person.Act();
                }
            }
            """);
    }
}
