using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Demo.Rendering;

namespace MemoryAnalyzers.Demo
{
    /// <summary>A mechanism of the tutorial, shown on the heap simulator: no analyzer, just the heap at work.</summary>
    internal sealed class MechanismDemonstration : IDemonstration
    {
        private readonly Func<IReadOnlyList<Block>> _show;

        public MechanismDemonstration(string name, string title, Func<IReadOnlyList<Block>> show)
        {
            Name = name;
            Title = title;
            _show = show;
        }

        public string Name { get; }

        public string Title { get; }

        public Task<DemoReport> RunAsync(CancellationToken cancellationToken) => Task.Run(() => new DemoReport(Name, Title, _show()), cancellationToken);
    }
}
