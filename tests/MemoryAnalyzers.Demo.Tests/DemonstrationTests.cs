using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using MemoryAnalyzers.Demo;
using MemoryAnalyzers.Demo.Pipeline;
using MemoryAnalyzers.Demo.Rendering;
using Xunit;

namespace MemoryAnalyzers.Demo.Tests
{
    /// <summary>Each demonstration's pipeline runs end to end, and what it claims is what it measured.</summary>
    public sealed class DemonstrationTests
    {
        public static IEnumerable<object[]> RuleDemos => DemoCatalog.All.OfType<RuleDemonstration>().Select(d => new object[] { d.Name });

        public static IEnumerable<object[]> AllDemos => DemoCatalog.All.Select(d => new object[] { d.Name });

        private static IDemonstration Find(string name) => DemoCatalog.All.Single(d => d.Name == name);

        [Theory]
        [MemberData(nameof(RuleDemos))]
        public async Task Rule_is_reported_fixed_and_the_fix_measurably_helps(string name)
        {
            var demo = (RuleDemonstration)Find(name);
            var outcome = await demo.ExecuteAsync(CancellationToken.None);

            Assert.NotEmpty(outcome.Diagnostics);
            Assert.All(outcome.Diagnostics, d => Assert.Equal(demo.RuleId, d.Id));
            Assert.NotNull(outcome.After);
            Assert.NotEqual(outcome.Before, outcome.After);
            Assert.Equal(0, outcome.RemainingDiagnostics);
            Assert.NotEmpty(outcome.Runs);

            var (before, after) = outcome.Runs[^1];
            if (demo.Kind == CostKind.Time)
            {
                // A time cost is not asserted (a shared machine makes timings noisy): the fix must not allocate more than
                // the runtime's own few bytes of noise.
                Assert.True(after.AllocatedBytes <= before.AllocatedBytes + 1024, $"fixed code allocated {after.AllocatedBytes} bytes, original {before.AllocatedBytes}");
                Assert.Matches("^(the fix runs [0-9.,]+× (faster|slower)|no measurable difference in time) ", outcome.Verdict);
            }
            else if (before.Held is null)
            {
                Assert.True(after.AllocatedBytes < before.AllocatedBytes, $"fixed code allocated {after.AllocatedBytes} bytes, original {before.AllocatedBytes}");
            }
            else
            {
                Assert.True(before.Held);
                Assert.False(after.Held);
            }
        }

        [Theory]
        [MemberData(nameof(AllDemos))]
        public async Task Report_ends_with_a_verdict_and_renders_as_text(string name)
        {
            var report = await Find(name).RunAsync(CancellationToken.None);

            Assert.IsType<VerdictBlock>(report.Blocks[^1]);
            var text = new System.IO.StringWriter();
            new ConsoleRenderer(text, colour: false).Render(report);
            Assert.Contains(report.Name, text.ToString());
            Assert.DoesNotContain("\u001b[", text.ToString(), System.StringComparison.Ordinal);
            Assert.All(text.ToString().Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= ConsoleRenderer.Width, "too wide: " + line));
        }

        [Fact]
        public async Task Html_report_is_well_formed_and_holds_every_section()
        {
            var reports = new List<DemoReport>();
            foreach (var demo in DemoCatalog.All.Take(2))
            {
                reports.Add(await demo.RunAsync(CancellationToken.None));
            }

            var html = HtmlReport.Render(reports, "test run");
            var document = XDocument.Parse(html.Substring(html.IndexOf("<html", System.StringComparison.Ordinal)));

            var sections = document.Descendants("section").ToList();
            Assert.Equal(reports.Count, sections.Count);
            Assert.Contains(document.Descendants(), e => e.Name.LocalName == "svg");
            Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName == "script");
            Assert.Contains(document.Descendants("mark"), e => e.Attribute("title")?.Value.StartsWith("MEM") == true);
        }

        [Fact]
        public void Forced_collections_run_full_collections_the_runtime_would_not()
        {
            var simulated = MemoryAnalyzers.Demo.Simulation.RuleSimulations.ForcedCollection(1_000);

            Assert.Equal(40, simulated.Original.Collections.Gen2);
            Assert.Equal(0, simulated.Fixed.Collections.Gen2);
            Assert.Contains("die in gen2", simulated.Verdict);
        }

        [Fact]
        public void A_latency_mode_left_set_holds_back_full_collections_and_the_heap_grows()
        {
            var simulated = MemoryAnalyzers.Demo.Simulation.RuleSimulations.LatencyModeLeftSet(1_000);

            Assert.Equal(0, simulated.Original.Collections.Gen2);
            Assert.True(simulated.Fixed.Collections.Gen2 > 0);
            Assert.True(simulated.Original.PeakLiveBytes > 2 * simulated.Fixed.PeakLiveBytes, $"{simulated.Original.PeakLiveBytes} against {simulated.Fixed.PeakLiveBytes}");
        }

        [Fact]
        public void Large_temporary_buffers_run_full_collections_that_a_rented_one_does_not()
        {
            var simulated = MemoryAnalyzers.Demo.Simulation.RuleSimulations.TemporaryBuffer(100);

            // 100 MiB through a 3 MiB large-object-heap budget: a full collection every third buffer or so.
            Assert.True(simulated.Original.Collections.Gen2 >= 25, $"{simulated.Original.Collections.Gen2} full collections");
            Assert.Equal(0, simulated.Fixed.Collections.Gen2);
            Assert.Contains("large object heap", simulated.Verdict);
        }

        [Fact]
        public void Diff_shows_removals_before_additions_with_context()
        {
            var lines = UnifiedDiff.Lines("a\nb\nc\n", "a\nB\nc\n");

            Assert.Equal(
                new[] { (UnifiedDiff.LineKind.Same, "a"), (UnifiedDiff.LineKind.Removed, "b"), (UnifiedDiff.LineKind.Added, "B"), (UnifiedDiff.LineKind.Same, "c") },
                lines.Select(l => (l.Kind, l.Text)));
        }
    }
}
