using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Demo;
using MemoryAnalyzers.Demo.Rendering;

// dotnet run --project src/MemoryAnalyzers.Demo                 every demonstration
// dotnet run --project src/MemoryAnalyzers.Demo -- list         their names
// dotnet run --project src/MemoryAnalyzers.Demo -- run MEM001   one (or several) of them
// ... --html report.html                                         also write a self-contained HTML report
var arguments = args.ToList();
string? htmlPath = null;
var htmlIndex = arguments.IndexOf("--html");
if (htmlIndex >= 0)
{
    if (htmlIndex + 1 >= arguments.Count)
    {
        Console.Error.WriteLine("--html needs a file name");
        return 2;
    }

    htmlPath = arguments[htmlIndex + 1];
    arguments.RemoveRange(htmlIndex, 2);
}

if (arguments.Count > 0 && arguments[0] == "list")
{
    foreach (var demo in DemoCatalog.All)
    {
        Console.WriteLine($"{demo.Name,-22}{demo.Title}");
    }

    return 0;
}

if (arguments.Count > 0 && arguments[0] is not "run")
{
    Console.Error.WriteLine($"unknown command '{arguments[0]}'; use: list | run <name>... | --html <file>");
    return 2;
}

var selected = arguments.Count > 1
    ? DemoCatalog.All.Where(d => arguments.Skip(1).Contains(d.Name, StringComparer.OrdinalIgnoreCase)).ToList()
    : DemoCatalog.All.ToList();
var unknown = arguments.Skip(1).Where(name => !DemoCatalog.All.Any(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine("no demonstration named " + string.Join(", ", unknown) + "; 'list' shows them");
    return 2;
}

var renderer = new ConsoleRenderer(Console.Out, ConsoleRenderer.TerminalSupportsColour());
var reports = new List<DemoReport>();
for (var i = 0; i < selected.Count; i++)
{
    var report = await WithProgress(selected[i], $"[{i + 1}/{selected.Count}]");
    renderer.Render(report);
    reports.Add(report);
}

if (htmlPath is not null)
{
    File.WriteAllText(htmlPath, HtmlReport.Render(reports, $"Measured on .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
    Console.WriteLine($"HTML report written to {htmlPath}");
}

return 0;

// Tells the user what is running when a demonstration takes more than a second.
static async Task<DemoReport> WithProgress(IDemonstration demo, string position)
{
    var work = demo.RunAsync(CancellationToken.None);
    var shown = false;
    while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1))) != work)
    {
        Console.Error.Write(shown ? "." : $"{position} running {demo.Name}: {demo.Title} ");
        shown = true;
    }

    if (shown)
    {
        Console.Error.WriteLine(" done");
    }

    return await work;
}
