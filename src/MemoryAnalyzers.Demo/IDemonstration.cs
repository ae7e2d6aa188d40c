using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Demo.Rendering;

namespace MemoryAnalyzers.Demo
{
    /// <summary>One demonstration: a rule finding, fixing and measuring its anti-pattern, or a mechanism of the tutorial.</summary>
    internal interface IDemonstration
    {
        /// <summary>The name used by <c>run &lt;name&gt;</c>.</summary>
        string Name { get; }

        string Title { get; }

        Task<DemoReport> RunAsync(CancellationToken cancellationToken);
    }
}
