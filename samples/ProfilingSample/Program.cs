using System;
using System.Collections.Generic;
using System.Linq;
using AntiPatterns;
using MemoryAnalyzers.Profiling;
using ProfilingSample;

// Profiles the anti-pattern app's code (samples/AntiPatterns), then the same work written as the code fixes write it,
// and prints what the fixes change: per step (allocated, large object heap, retained) and on the live heap by type.
//   dotnet run -c Release --project samples/ProfilingSample [-- --svg <file>]   (the anti-pattern profile as SVG)
const int Appends = 5_000;
const int Buffers = 20;
const int BufferBytes = 1_000_000;
const int Squares = 1_000_000;
var small = new Workload(Appends: 10, Buffers: 1, BufferBytes: 10, Squares: 10);
var full = new Workload(Appends, Buffers, BufferBytes, Squares);

// Warm up both versions so that the profiles measure the work, not the JIT.
Run(StringConcatenation.Numbers, LargeClosureCaptures.FirstByte, ListsAsSequences.Squares, small);
Run(Fixed.Numbers, Fixed.FirstByte, Fixed.Squares, small);

var antiPattern = Run(StringConcatenation.Numbers, LargeClosureCaptures.FirstByte, ListsAsSequences.Squares, full);
Print("Anti-patterns (samples/AntiPatterns)", antiPattern);
var fixedVersion = Run(Fixed.Numbers, Fixed.FirstByte, Fixed.Squares, full);
Print("Fixed", fixedVersion);

var svgAt = Array.IndexOf(args, "--svg");
if (svgAt >= 0 && svgAt + 1 < args.Length)
{
    System.IO.File.WriteAllText(args[svgAt + 1], antiPattern.ToSvg());
}

Console.WriteLine("Difference, fixed minus anti-pattern:");
Console.WriteLine(Compare(antiPattern, fixedVersion));

// What the MEM002 delegates keep alive: a heap snapshot before and after keeping them. The first snapshot of a process
// loads the heap reader, whose own caches and buffers would show in the first diff: take one to begin with.
HeapSnapshot.Take();
Console.WriteLine($"Live heap after keeping {Buffers} MEM002 delegates (anti-pattern), change by type:");
Console.WriteLine(HeapChange(() => Enumerable.Range(0, Buffers).Select(_ => LargeClosureCaptures.FirstByte(BufferBytes)).ToList()));
Console.WriteLine($"Live heap after keeping {Buffers} fixed delegates, change by type:");
Console.WriteLine(HeapChange(() => Enumerable.Range(0, Buffers).Select(_ => Fixed.FirstByte(BufferBytes)).ToList()));

// Where the MEM001 loop's bytes go, by type.
using (var sampler = AllocationSampler.Start())
{
    StringConcatenation.Numbers(Appends);
    Console.WriteLine($"Allocation samples of StringConcatenation.Numbers({Appends:N0}):");
    Console.WriteLine(sampler.Stop().ToTable(top: 5));
}

// Each step keeps what its code returns until the profile ends, so that "retained" shows what that result holds on
// to. Each runs in a frame of its own, so that no temporary of this one keeps more.
static MemoryProfile Run(Func<int, string> numbers, Func<int, Func<int>> firstByte, Func<int, IEnumerable<int>> squares, Workload work)
{
    using var profile = MemoryProfile.Start(new MemoryProfileOptions { Retained = true });
    var text = Step(() => numbers(work.Appends));
    profile.Mark("MEM001 numbers");
    var delegates = Step(() => Enumerable.Range(0, work.Buffers).Select(_ => firstByte(work.BufferBytes)).ToList());
    profile.Mark("MEM002 delegates");
    var firstSquares = Step(() => squares(work.Squares).Take(10).Sum());
    profile.Mark("MEM008 squares");
    GC.KeepAlive(text);
    GC.KeepAlive(delegates);
    GC.KeepAlive(firstSquares);
    return profile;
}

[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static T Step<T>(Func<T> run) => run();

static void Print(string title, MemoryProfile profile)
{
    Console.WriteLine(title + ":");
    Console.WriteLine(profile.ToTable());
}

static string Compare(MemoryProfile before, MemoryProfile after)
{
    var rows = before.Steps.Zip(after.Steps, (b, a) =>
        $"{b.Name,-17} allocated {Signed(a.AllocatedBytes - b.AllocatedBytes),16}  LOH {Signed((a.LargeObjectHeapBytes ?? 0) - (b.LargeObjectHeapBytes ?? 0)),14}  retained {Signed((a.RetainedBytes ?? 0) - (b.RetainedBytes ?? 0)),14}");
    return string.Join(Environment.NewLine, rows) + Environment.NewLine;
}

static string Signed(long bytes) => (bytes > 0 ? "+" : "") + bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " B";

static string HeapChange(Func<object> keep)
{
    var before = HeapSnapshot.Take();
    var kept = keep();
    var after = HeapSnapshot.Take();
    GC.KeepAlive(kept);
    return after.Diff(before).ToTable(top: 6) + $"(two snapshots: {(before.Elapsed + after.Elapsed).TotalSeconds:0.0} s, dumps of {before.DumpBytes / (1024 * 1024):N0} and {after.DumpBytes / (1024 * 1024):N0} MiB, deleted)" + Environment.NewLine;
}

internal sealed record Workload(int Appends, int Buffers, int BufferBytes, int Squares);
