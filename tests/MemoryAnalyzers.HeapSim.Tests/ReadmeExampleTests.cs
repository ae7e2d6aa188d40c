using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;
using MemoryAnalyzers.HeapSim.Profiling;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>The example in src/MemoryAnalyzers.HeapSim/README.md, kept compiling, true, and identical to the README.</summary>
    public class ReadmeExampleTests
    {
        [Fact]
        public void Readme_example()
        {
            // --- README example start ---
            ICPythonHeap py = HeapSimulator.CreateCPython();
            ObjectId a = py.NewList();
            py.StoreLocal("a", a);                  // a = []
            py.Release(a);                          // drop the allocation's temporary reference
            int refs = py.GetRefCount(a);           // sys.getrefcount(a) == 2
            ObjectId b = py.NewList();
            py.StoreLocal("b", b);
            py.Release(b);
            py.Append(a, b);                        // a.append(b)
            py.Append(b, a);                        // b.append(a)
            py.DeleteLocal("a");                    // del a
            py.DeleteLocal("b");                    // del b: the cycle leaks under refcounting alone
            int freed = py.Collect();               // gc.collect() == 2

            IDotNetHeap clr = HeapSimulator.CreateDotNet();
            Timeline timeline = Timeline.Attach(clr);
            ObjectId sb = clr.NewStringBuilder();
            for (int i = 0; i < 1_000; i++) clr.Append(sb, 1);   // 2,552 bytes, as .NET 10 allocates
            string svg = timeline.RenderSvg();                   // self-contained <svg> chart
            // --- README example end ---

            Assert.Equal(2, refs);
            Assert.Equal(2, freed);
            Assert.False(py.IsAlive(a));
            Assert.Equal(2552, clr.TotalAllocatedBytes);
            // The builder and its 16-char chunk, then six expansions (16, 32, ..., 512 chars), each a chunk object and a char[].
            Assert.Equal(2 + (6 * 2), timeline.Allocations);
            Assert.StartsWith("<svg", svg);
        }

        // Both the library's README and the repository's show the example.
        [Theory]
        [InlineData("src/MemoryAnalyzers.HeapSim/README.md")]
        [InlineData("README.md")]
        public void Readme_shows_exactly_the_tested_code(string readmePath)
        {
            // Found from the test's output folder, not from [CallerFilePath]: CI builds map source paths away.
            string root = RepositoryRoot();
            string testFile = Path.Combine(root, "tests", "MemoryAnalyzers.HeapSim.Tests", "ReadmeExampleTests.cs");
            string readme = Path.Combine(root, readmePath);
            List<string> tested = Normalize(File.ReadLines(testFile)
                .SkipWhile(l => !l.Contains("README example start"))
                .Skip(1)
                .TakeWhile(l => !l.Contains("README example end")));
            List<string> shown = Normalize(File.ReadLines(readme)
                .SkipWhile(l => !l.StartsWith("```csharp"))
                .Skip(1)
                .TakeWhile(l => !l.StartsWith("```"))
                .Where(l => !l.StartsWith("using ")));

            Assert.Equal(tested, shown);
        }

        private static List<string> Normalize(IEnumerable<string> lines) =>
            lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MemoryAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("MemoryAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
