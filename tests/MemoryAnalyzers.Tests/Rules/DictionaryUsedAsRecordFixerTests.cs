using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.DictionaryUsedAsRecordAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.DictionaryUsedAsRecordFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class DictionaryUsedAsRecordFixerTests
    {
        [Fact]
        public Task Types_a_property_by_its_value_when_every_read_casts_to_it() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                string Describe(string name, int age, double score)
                {
                    // One row of the report.
                    var {|MEM017:person|} = new Dictionary<string, object> { ["name"] = name, ["age"] = age, ["score"] = score };
                    return (string)person["name"] + " " + ((int)person["age"] + 1) + " " + person["score"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                string Describe(string name, int age, double score)
                {
                    // One row of the report.
                    var person = new Person(name, age, score);
                    return person.Name + " " + (person.Age + 1) + " " + person.Score;
                }

                private sealed record Person(string Name, int Age, object Score);
            }
            """);

        [Fact]
        public Task Moves_the_fill_statements_into_the_creation_and_renames_the_declared_type() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                int Area(int width, int height)
                {
                    IDictionary<string, int> {|MEM017:box|} = new Dictionary<string, int>();
                    box["width"] = width;
                    box.Add("height", height);
                    return box["width"] * box["height"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                int Area(int width, int height)
                {
                    Box box = new Box(width, height);
                    return box.Width * box.Height;
                }

                private sealed record Box(int Width, int Height);
            }
            """);

        [Fact]
        public Task Keeps_the_comments_of_the_fill_statements_above_the_declaration() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                int Area(int width, int height)
                {
                    // The box to measure.
                    var {|MEM017:box|} = new Dictionary<string, int>();
                    // Width first.
                    box["width"] = width;
                    box["height"] = height; /* then height */
                    return box["width"] * box["height"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                int Area(int width, int height)
                {
                    // The box to measure.
                    // Width first.
                    /* then height */
                    var box = new Box(width, height);
                    return box.Width * box.Height;
                }

                private sealed record Box(int Width, int Height);
            }
            """);

        [Fact]
        public Task Nests_the_record_in_a_struct_a_record_or_a_nested_class() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            struct Meter
            {
                public int Read(int a, int b)
                {
                    var {|MEM017:pair|} = new Dictionary<string, int> { ["a"] = a, ["b"] = b };
                    return pair["a"] + pair["b"];
                }
            }

            record Shape(string Name)
            {
                public class Part
                {
                    public object Describe(int sides)
                    {
                        var {|MEM017:parts|} = new Dictionary<string, object> { ["kind"] = "polygon", ["sides"] = sides };
                        return parts["sides"] is int n && n > 2 ? parts["kind"] : null;
                    }
                }
            }
            """, """
            using System.Collections.Generic;

            struct Meter
            {
                public int Read(int a, int b)
                {
                    var pair = new Pair(a, b);
                    return pair.A + pair.B;
                }

                private sealed record Pair(int A, int B);
            }

            record Shape(string Name)
            {
                public class Part
                {
                    public object Describe(int sides)
                    {
                        var parts = new Parts("polygon", sides);
                        return parts.Sides is int n && n > 2 ? parts.Kind : null;
                    }

                    private sealed record Parts(object Kind, object Sides);
                }
            }
            """);

        [Fact]
        public Task Makes_keys_identifiers_and_picks_a_fresh_record_name() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                class Row { }

                string Describe(string first, string last)
                {
                    Dictionary<string, string> {|MEM017:row|} = new() { { "first_name", first }, { "last-name", last } };
                    return row["first_name"] + row["last-name"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                class Row { }

                string Describe(string first, string last)
                {
                    Row1 row = new Row1(first, last);
                    return row.FirstName + row.LastName;
                }

                private sealed record Row1(string FirstName, string LastName);
            }
            """);

        [Fact]
        public Task The_record_is_not_named_like_one_of_its_properties() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Chart
            {
                int Shift(int x, int y)
                {
                    var {|MEM017:point|} = new Dictionary<string, int> { ["point"] = x, ["offset"] = y };
                    return point["point"] + point["offset"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Chart
            {
                int Shift(int x, int y)
                {
                    var point = new Point1(x, y);
                    return point.Point + point.Offset;
                }

                private sealed record Point1(int Point, int Offset);
            }
            """);

        [Fact]
        public Task Fix_all_gives_each_local_its_own_record() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                int First(int x, int y)
                {
                    var {|MEM017:point|} = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return point["x"] + point["y"];
                }

                int Second(int x, int y)
                {
                    var {|MEM017:point|} = new Dictionary<string, int> { ["x"] = y, ["y"] = x };
                    return point["x"] - point["y"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                int First(int x, int y)
                {
                    var point = new Point(x, y);
                    return point.X + point.Y;
                }

                int Second(int x, int y)
                {
                    var point = new Point1(y, x);
                    return point.X - point.Y;
                }

                private sealed record Point(int X, int Y);

                private sealed record Point1(int X, int Y);
            }
            """);

        [Fact]
        public Task Writes_a_file_level_record_for_top_level_statements() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;

            var {|MEM017:point|} = new Dictionary<string, double>();
            point["x"] = 1.5;
            point["y"] = Math.Sqrt(2);
            Console.WriteLine(point["x"] + point["y"]);
            """, """
            using System;
            using System.Collections.Generic;

            var point = new Point(1.5, Math.Sqrt(2));
            Console.WriteLine(point.X + point.Y);

            sealed record Point(double X, double Y);
            """, LanguageVersion.Preview, OutputKind.ConsoleApplication);

        [Fact]
        public async Task A_file_level_record_avoids_names_that_other_files_import()
        {
            var test = new VerifyCS.Test(LanguageVersion.Preview);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            test.TestState.Sources.Add("""
                using System.Collections.Generic;

                var {|MEM017:point|} = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 };
                System.Console.WriteLine(point["x"] + point["y"] + Geometry.Shapes.Origin().X);
                """);
            const string Other = """
                using Geometry.Types;

                namespace Geometry
                {
                    static class Shapes
                    {
                        public static Point Origin() => new Point();
                    }
                }

                namespace Geometry.Types
                {
                    struct Point
                    {
                        public int X;
                    }
                }
                """;
            test.TestState.Sources.Add(Other);
            test.FixedState.Sources.Add("""
                using System.Collections.Generic;

                var point = new Point1(1, 2);
                System.Console.WriteLine(point.X + point.Y + Geometry.Shapes.Origin().X);

                sealed record Point1(int X, int Y);
                """);
            test.FixedState.Sources.Add(Other);
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task Works_in_lambdas_local_functions_generic_types_and_primary_constructors() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;

            class Cache<T>(T fallback)
            {
                public Func<string> Describe(T value)
                {
                    var {|MEM017:entry|} = new Dictionary<string, object> { ["value"] = value, ["fallback"] = fallback };
                    string Show() => ((T)entry["value"])?.ToString() ?? "";
                    return () => Show() + entry["fallback"];
                }
            }
            """, """
            using System;
            using System.Collections.Generic;

            class Cache<T>(T fallback)
            {
                public Func<string> Describe(T value)
                {
                    var entry = new Entry(value, fallback);
                    string Show() => (entry.Value)?.ToString() ?? "";
                    return () => Show() + entry.Fallback;
                }

                private sealed record Entry(T Value, object Fallback);
            }
            """);

        [Fact]
        public Task Is_not_offered_for_a_missing_key_TryGetValue_Expando_a_method_type_parameter_bad_keys_or_expression_trees() => VerifyCS.VerifyNoCodeFixAsync("""
            using System.Collections.Generic;
            using System.Dynamic;

            class Report
            {
                object MissingKey(string name, int age)
                {
                    var {|MEM017:person|} = new Dictionary<string, object> { ["name"] = name, ["age"] = age };
                    return person["city"];
                }

                string Probed(string name, string city)
                {
                    var {|MEM017:person|} = new Dictionary<string, string> { ["name"] = name, ["city"] = city };
                    return person.TryGetValue("city", out var c) ? c : person["name"];
                }

                string Expando(string name, int age)
                {
                    dynamic {|MEM017:person|} = new ExpandoObject();
                    person.Name = name;
                    person.Age = age;
                    return person.Name;
                }

                T Generic<T>(T first, T second)
                {
                    var {|MEM017:pair|} = new Dictionary<string, T> { ["first"] = first, ["second"] = second };
                    return pair["first"];
                }

                object NoIdentifier(int a, int b)
                {
                    var {|MEM017:row|} = new Dictionary<string, int> { ["1st"] = a, ["x"] = b };
                    return row["1st"];
                }

                object SameIdentifier(int a, int b)
                {
                    var {|MEM017:row|} = new Dictionary<string, int> { ["a-b"] = a, ["a_b"] = b };
                    return row["a-b"];
                }

                object RecordMember(int a, int b)
                {
                    var {|MEM017:row|} = new Dictionary<string, int> { ["equals"] = a, ["x"] = b };
                    return row["x"];
                }

                System.Linq.Expressions.Expression<System.Func<int>> ExpressionTree(int a, int b)
                {
                    var {|MEM017:row|} = new Dictionary<string, int> { ["a"] = a, ["b"] = b };
                    return () => row["a"] + row["b"];
                }

                int LocalFunction(int a)
                {
                    var {|MEM017:row|} = new Dictionary<string, int>();
                    row["a"] = a;
                    row["b"] = Twice();
                    return row["b"];

                    int Twice() => row["a"] * 2;
                }
            }
            """);

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.CSharp8)]
        public Task Is_not_offered_before_CSharp_9(LanguageVersion version) => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                int Sum(int x, int y)
                {
                    var {|MEM017:point|} = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return point["x"] + point["y"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                int Sum(int x, int y)
                {
                    var {|MEM017:point|} = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return point["x"] + point["y"];
                }
            }
            """, version);

        [Theory]
        [InlineData(LanguageVersion.CSharp9)]
        [InlineData(LanguageVersion.CSharp12)]
        public Task Works_from_CSharp_9(LanguageVersion version) => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Report
            {
                int Sum(int x, int y)
                {
                    var {|MEM017:point|} = new Dictionary<string, int> { ["x"] = x, ["y"] = y };
                    return point["x"] + point["y"];
                }
            }
            """, """
            using System.Collections.Generic;

            class Report
            {
                int Sum(int x, int y)
                {
                    var point = new Point(x, y);
                    return point.X + point.Y;
                }

                private sealed record Point(int X, int Y);
            }
            """, version);
    }
}
