using System;
using System.IO;
using System.Linq;
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
GarbageCollection.Run();
EagerCollections.PrintLong(items);
var logFile = Path.Combine(Path.GetTempPath(), "antipatterns.log");
File.WriteAllLines(logFile, new[] { "INFO start", "ERROR disk full", "INFO done" });
Console.WriteLine(WholeFiles.CountErrors(logFile));
await WholeFiles.PrintAsync(logFile);
Console.WriteLine(WholeFileScans.NewLines(logFile) + " lines, binary: " + WholeFileScans.IsBinary(logFile));
Console.WriteLine(WholeFileScans.WordCounts(logFile).Count + " words, checksum " + await WholeFileScans.ChecksumAsync(logFile));
Console.WriteLine(ListsAsSequences.Squares(4).Sum());
Console.WriteLine(ListsAsSequences.LongWords(items).Count());
using (var view = new ReportView())
{
    Console.WriteLine(view.Rows + " rows");
}

Console.WriteLine(Caches.Thumbnail(logFile).Length + " " + Caches.Normalize(" alpha "));
Caches.Record("alpha");
var fields = new FieldsInLoops();
Console.WriteLine(fields.Sum(new[] { 1, 2, 3 }) + " " + FieldsInLoops.Batches(3));
using (var source = new MemoryStream(new byte[] { 1, 2, 3 }))
{
    Console.WriteLine(TemporaryBuffers.Copy(source, Stream.Null) + " bytes copied, " + TemporaryBuffers.CountLines(new[] { Stream.Null }) + " lines");
    Console.WriteLine(TemporaryBuffers.CopyInChunks(Stream.Null, Stream.Null, 4096) + " bytes copied in chunks");
}
Console.WriteLine(Records.Describe("Ada", 36, 1.5) + " " + Records.Area(3, 4) + " " + Records.Greet("Ada", "London"));
Console.WriteLine(FixedCollections.IsSuccess(204) + " " + FixedCollections.IsKeyword("for") + " " + FixedCollections.Spread(new[] { 3, 9, 4 }) + " " + FixedCollections.Fields("a,b;c") + " " + FixedCollections.Padding(" ab ") + " " + FixedCollections.Setting("level", 3));
