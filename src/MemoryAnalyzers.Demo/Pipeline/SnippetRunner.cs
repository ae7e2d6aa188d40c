using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using MemoryAnalyzers.Profiling;
using MemoryAnalyzers.Shared;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers.Demo.Pipeline
{
    /// <summary>What one run of a snippet cost on the real runtime.</summary>
    /// <param name="Held">For a lifetime scenario: whether the object or resource it is about is still held afterwards.</param>
    internal sealed record RunMeasurement(int N, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Elapsed, bool? Held);

    /// <summary>
    /// Compiles a snippet with Roslyn and runs its <c>Scenario.Run(int n)</c> in a collectible load context on this
    /// thread, measuring allocated bytes (this thread's), collections per generation and time with MemoryAnalyzers.Profiling
    /// (<see cref="MemoryProfile"/>). A scenario about lifetime returns either a <see cref="WeakReference"/> to the object it
    /// is about (the runner collects fully, then asks whether it is alive) or a <c>Func&lt;bool&gt;</c> probe that says
    /// whether a resource (a file, a lock) is still held, asked as soon as <c>Run</c> returns.
    /// </summary>
    internal sealed class SnippetRunner : IDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly Func<int, object?> _run;

        private SnippetRunner(AssemblyLoadContext context, Func<int, object?> run)
        {
            _context = context;
            _run = run;
        }

        public static SnippetRunner Compile(string code, string name)
        {
            var (context, assembly) = ScenarioHarness.CompileAndLoad(code, name, RuntimeReferences.All, OptimizationLevel.Release);
            var method = assembly.GetType("Scenario")?.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, new[] { typeof(int) })
                ?? throw new InvalidOperationException($"{name} has no 'public static object Run(int n)' in a class named Scenario");
            return new SnippetRunner(context, method.CreateDelegate<Func<int, object?>>());
        }

        /// <summary>Runs that <see cref="Measure"/> takes the median of: allocations repeat exactly, time and collection counts do not.</summary>
        public const int Runs = 3;

        /// <summary>The median of <see cref="Runs"/> measured runs, each figure on its own; held is the first run's answer.</summary>
        public RunMeasurement Measure(int n)
        {
            _run(Math.Min(n, 10)); // JIT the scenario before measuring it.
            var runs = Enumerable.Range(0, Runs).Select(_ => MeasureOnce(n)).ToList();
            return new RunMeasurement(
                n,
                Median(runs, run => run.AllocatedBytes),
                (int)Median(runs, run => run.Gen0),
                (int)Median(runs, run => run.Gen1),
                (int)Median(runs, run => run.Gen2),
                TimeSpan.FromTicks(Median(runs, run => run.Elapsed.Ticks)),
                runs[0].Held);
        }

        private static long Median(System.Collections.Generic.List<RunMeasurement> runs, Func<RunMeasurement, long> figure)
            => runs.Select(figure).OrderBy(value => value).ElementAt(runs.Count / 2);

        private RunMeasurement MeasureOnce(int n)
        {
            Reachability.CollectFully();

            object? result;
            MemoryStep step;
            using (var profile = MemoryProfile.Start(new MemoryProfileOptions { Scope = AllocationScope.CurrentThread, LargeObjectHeap = false }))
            {
                result = _run(n);
                step = profile.Mark("run");
            }

            bool? held = null;
            if (result is Func<bool> probe)
            {
                held = probe();
            }
            else if (result is WeakReference tracked)
            {
                result = null;
                held = !Reachability.IsCollected(tracked);
            }

            return new RunMeasurement(n, step.AllocatedBytes, step.Gen0Collections, step.Gen1Collections, step.Gen2Collections, step.Elapsed, held);
        }

        public void Dispose() => _context.Unload();
    }
}
