using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using MemoryAnalyzers.CodeFixes.Rules;
using MemoryAnalyzers.Rules;
using MemoryAnalyzers.Tests.Infrastructure;
using Xunit;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// MEM008's fix on the real runtime: the code before and after the fix is compiled in-process, both are run, and
    /// they must produce the same sequence; argument checks must still throw when the method is called.
    /// </summary>
    public sealed class ListReturnedAsSequenceRuntimeTests
    {
        private const string Source = """
            using System;
            using System.Collections.Generic;

            public static class Sample
            {
                public static IEnumerable<string> Run(IEnumerable<string> names, string prefix)
                {
                    ArgumentNullException.ThrowIfNull(names);
                    if (prefix == null) throw new ArgumentNullException(nameof(prefix));

                    // Every name twice, then the rest.
                    var result = new List<string>();
                    foreach (var name in names)
                    {
                        if (name.Length == 0)
                        {
                            return result;
                        }

                        foreach (var suffix in new[] { "1", "2" })
                        {
                            result.Add(prefix + name + suffix);
                        }
                    }

                    result.AddRange(new[] { "end", prefix });
                    return result;
                }
            }
            """;

        /// <summary>The list returned through streaming operators: the fix feeds them from the iterator.</summary>
        private const string QueriedSource = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            public static class Sample
            {
                public static IEnumerable<string> Run(IEnumerable<string> names, string prefix)
                {
                    ArgumentNullException.ThrowIfNull(names);
                    if (prefix == null) throw new ArgumentNullException(nameof(prefix));

                    var result = new List<string>();
                    foreach (var name in names)
                    {
                        result.Add(name.Trim());
                        result.Add(prefix + name);
                    }

                    return result.Where(n => n.Length > 0).Distinct().Select(n => prefix + n);
                }
            }
            """;

        public static IEnumerable<object?[]> Sources => new[] { new object?[] { Source }, new object?[] { QueriedSource } };

        public static IEnumerable<object?[]> Arguments =>
            from source in new[] { Source, QueriedSource }
            from arguments in new[]
            {
                new object?[] { new[] { "a", "b" }, ">" },
                new object?[] { new[] { "a", "", "c", "a" }, "-" },
                new object?[] { Array.Empty<string>(), "" },
            }
            select new object?[] { source, arguments[0], arguments[1] };

        [Theory]
        [MemberData(nameof(Arguments))]
        public async Task Fixed_code_yields_the_same_sequence(string source, string[] names, string prefix)
        {
            var fixedSource = await ApplyFixAsync(source);
            Assert.Contains("yield return", fixedSource);

            var before = Run(source, names, prefix);
            var after = Run(fixedSource, names, prefix);
            Assert.Equal(before, after);
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task Argument_checks_still_throw_on_the_call(string original)
        {
            var fixedSource = await ApplyFixAsync(original);
            foreach (var source in new[] { original, fixedSource })
            {
                var method = Load(source);
                foreach (var arguments in new[] { new object?[] { null, ">" }, new object?[] { new[] { "a" }, null } })
                {
                    // Calling alone, without enumerating, must throw.
                    var thrown = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, arguments));
                    Assert.IsType<ArgumentNullException>(thrown.InnerException);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public async Task Fixed_code_defers_the_body_until_enumeration(string source)
        {
            var fixedSource = await ApplyFixAsync(source);
            var method = Load(fixedSource);

            // A null element fails inside the body: the iterator only gets there when enumerated (the documented change).
            var sequence = (IEnumerable)method.Invoke(null, new object?[] { new string?[] { null }, ">" })!;
            Assert.Throws<NullReferenceException>(() => sequence.Cast<object>().ToList());
        }

        private static List<string> Run(string source, string[] names, string prefix)
            => ((IEnumerable<string>)Load(source).Invoke(null, new object[] { names, prefix })!).ToList();

        private static MethodInfo Load(string source) => RuntimeScenario.LoadRun(source, "Sample");

        private static Task<string> ApplyFixAsync(string source)
            => RuntimeScenario.ApplyFixAsync(source, new ListReturnedAsSequenceAnalyzer(), new ListReturnedAsSequenceFixer());
    }
}
