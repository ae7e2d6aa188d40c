using BenchmarkDotNet.Running;

namespace MemoryAnalyzers.HeapSim.Benchmarks
{
    /// <summary>Runs the benchmarks: <c>dotnet run -c Release -- --filter '*'</c>.</summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
