using System.Collections.Generic;
using MemoryAnalyzers.Demo.Pipeline;

namespace MemoryAnalyzers.Demo.Rendering
{
    /// <summary>What a demonstration shows, independent of where it is shown (terminal or HTML report).</summary>
    internal abstract record Block;

    internal sealed record TextBlock(string Text) : Block;

    /// <summary>A span to underline in a code block: 1-based line and column, length in characters.</summary>
    internal sealed record Highlight(int Line, int Column, int Length, string Label);

    internal sealed record CodeBlock(string Caption, string Code, IReadOnlyList<Highlight> Highlights) : Block;

    internal sealed record DiffBlock(string Caption, IReadOnlyList<UnifiedDiff.DiffLine> Lines) : Block;

    internal sealed record TableBlock(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

    internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

    /// <param name="OverTime">A series over simulated time (drawn as an area), rather than one value per size (drawn as bars).</param>
    internal sealed record ChartBlock(string Caption, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series, bool OverTime = false) : Block;

    internal sealed record VerdictBlock(string Text) : Block;

    /// <summary>One demonstration's output.</summary>
    internal sealed record DemoReport(string Name, string Title, IReadOnlyList<Block> Blocks);
}
