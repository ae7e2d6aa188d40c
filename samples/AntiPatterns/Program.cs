using System;
using AntiPatterns;

// Build this project to see every MemoryAnalyzers rule report on real code:
//   dotnet build samples/AntiPatterns
// Each place a rule reports is marked with a "// MEMnnn" comment.
var items = new[] { "alpha", "beta", "gamma" };
Console.WriteLine(StringConcatenation.Report(items));
Console.WriteLine(StringConcatenation.Numbers(5));

Console.WriteLine(LargeClosureCaptures.FirstByte(1024)());
var captures = new LargeClosureCaptures();
captures.RememberSize(4096);
Console.WriteLine(captures.Size());

var shared = new SharedClosures();
Console.WriteLine(await shared.Start(new byte[1024]));
shared.Stop();

Disposables.Run(typeof(Disposables).Assembly.Location);
Locks.Run();
