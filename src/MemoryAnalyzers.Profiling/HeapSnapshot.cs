using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>The live objects of one type in a <see cref="HeapSnapshot"/>.</summary>
    /// <param name="TypeName">The runtime's name of the type, e.g. <c>System.String</c> or <c>System.Int32[]</c>.</param>
    /// <param name="Count">Objects of the type.</param>
    /// <param name="Bytes">Their shallow size in bytes (each object's own size, not what it references).</param>
    public sealed record HeapTypeStatistics(string TypeName, long Count, long Bytes);

    /// <summary>
    /// The live objects of the current process by type, largest first, like guppy's <c>hpy().heap()</c>: a real walk of
    /// the managed heap. <see cref="Take()"/> collects fully, has the runtime write a dump of this process with its heap
    /// (through the diagnostics port), walks it with ClrMD and the runtime's own data-access library, and deletes the dump.
    /// It costs a dump (tens of MiB of temporary disk, written in well under a second for a small program) and the walk.
    /// </summary>
    public sealed class HeapSnapshot
    {
        // A snapshot is itself on the heap while the next one is taken: a handful of objects (all names in one string, the
        // figures in arrays) keeps it out of the diffs, where one record and one string per type would show up by hundreds.
        private readonly string _names;
        private readonly int[] _nameEnds;
        private readonly long[] _counts;
        private readonly long[] _bytes;

        private HeapSnapshot(IReadOnlyList<HeapTypeStatistics> types, TimeSpan elapsed, long dumpBytes)
        {
            _names = string.Concat(types.Select(t => t.TypeName));
            _nameEnds = new int[types.Count];
            _counts = new long[types.Count];
            _bytes = new long[types.Count];
            var end = 0;
            for (var i = 0; i < types.Count; i++)
            {
                end += types[i].TypeName.Length;
                _nameEnds[i] = end;
                _counts[i] = types[i].Count;
                _bytes[i] = types[i].Bytes;
            }

            Elapsed = elapsed;
            DumpBytes = dumpBytes;
        }

        /// <summary>Live objects by type, most bytes first (built on each call).</summary>
        public IReadOnlyList<HeapTypeStatistics> Types
            => Enumerable.Range(0, _counts.Length).Select(i => new HeapTypeStatistics(NameAt(i), _counts[i], _bytes[i])).ToList();

        /// <summary>All live objects.</summary>
        public long Count => _counts.Sum();

        /// <summary>Their bytes.</summary>
        public long Bytes => _bytes.Sum();

        /// <summary>How long taking the snapshot took: collection, dump and walk.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The size of the temporary dump it was read from (deleted since).</summary>
        public long DumpBytes { get; }

        /// <summary>The statistics of one type (zero counts when it has no live object).</summary>
        public HeapTypeStatistics this[string typeName]
        {
            get
            {
                for (var i = 0; i < _counts.Length; i++)
                {
                    if (NameSpan(i).SequenceEqual(typeName.AsSpan()))
                    {
                        return new HeapTypeStatistics(typeName, _counts[i], _bytes[i]);
                    }
                }

                return new HeapTypeStatistics(typeName, 0, 0);
            }
        }

        /// <summary>The statistics of one type, by its runtime name.</summary>
        public HeapTypeStatistics Of(Type type) => this[RuntimeName(type)];

        /// <summary>Takes a snapshot of the live heap of this process (after a full collection).</summary>
        /// <exception cref="ProfilingUnavailableException">The diagnostics port or the runtime's data-access library is not available.</exception>
        public static HeapSnapshot Take() => Take(Environment.ProcessId, Path.GetDirectoryName(typeof(object).Assembly.Location));

        /// <summary>The change from <paramref name="before"/> to this snapshot, by type, largest change in bytes first.</summary>
        public HeapDiff Diff(HeapSnapshot before)
        {
            if (before is null)
            {
                throw new ArgumentNullException(nameof(before));
            }

            var old = before.Types.ToDictionary(t => t.TypeName);
            var now = Types.ToDictionary(t => t.TypeName);
            var changes = old.Keys.Union(now.Keys)
                .Select(name =>
                {
                    old.TryGetValue(name, out var a);
                    now.TryGetValue(name, out var b);
                    return new HeapTypeChange(name, (b?.Count ?? 0) - (a?.Count ?? 0), (b?.Bytes ?? 0) - (a?.Bytes ?? 0));
                })
                .Where(c => c.CountDelta != 0 || c.BytesDelta != 0)
                .OrderByDescending(c => Math.Abs(c.BytesDelta))
                .ThenBy(c => c.TypeName, StringComparer.Ordinal)
                .ToList();
            return new HeapDiff(changes);
        }

        /// <summary>The <paramref name="top"/> types with the most bytes as a text table.</summary>
        public string ToTable(int top = 20)
        {
            var types = Types;
            var rows = types.Take(top)
                .Select(t => new[] { t.TypeName, TextTable.Count(t.Count), TextTable.Bytes(t.Bytes) })
                .ToList();
            rows.Add(new[] { $"total ({types.Count} types)", TextTable.Count(Count), TextTable.Bytes(Bytes) });
            return TextTable.Render(new[] { "type", "count", "bytes" }, rows, rightAligned: 1);
        }

        /// <summary>The name ClrMD gives a type: the runtime's full name, generic arguments in angle brackets.</summary>
        public static string RuntimeName(Type type)
        {
            if (type is null)
            {
                throw new ArgumentNullException(nameof(type));
            }

            if (type.IsArray)
            {
                return RuntimeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            }

            var name = type.IsNested ? RuntimeName(type.DeclaringType!) + "+" + type.Name : type.Namespace is null ? type.Name : type.Namespace + "." + type.Name;
            if (type.IsGenericType)
            {
                var arguments = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).ToArray();
                if (arguments.Length > 0)
                {
                    var tick = name.LastIndexOf('`');
                    name = (tick >= 0 ? name.Substring(0, tick) : name) + "<" + string.Join(", ", arguments.Select(RuntimeName)) + ">";
                }
            }

            return name;
        }

        /// <summary>The seam for tests: another process id or another runtime folder make the failures observable.</summary>
        internal static HeapSnapshot Take(int processId, string? runtimeFolder)
        {
            var dac = DataAccessLibrary(runtimeFolder);
            var watch = Stopwatch.StartNew();
            GcCounters.CollectFully();
            var path = Path.Combine(Path.GetTempPath(), $"memoryanalyzers-heap-{processId}-{Guid.NewGuid():N}.dmp");
            try
            {
                WriteDump(processId, path);
                var dumpBytes = new FileInfo(path).Length;
                var types = Walk(path, dac);
                return new HeapSnapshot(types, watch.Elapsed, dumpBytes);
            }
            finally
            {
                TryDelete(path);
            }
        }

        private ReadOnlySpan<char> NameSpan(int index)
        {
            var start = index == 0 ? 0 : _nameEnds[index - 1];
            return _names.AsSpan(start, _nameEnds[index] - start);
        }

        private string NameAt(int index) => NameSpan(index).ToString();

        private static string DataAccessLibrary(string? runtimeFolder)
        {
            var file = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "mscordaccore.dll"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libmscordaccore.dylib"
                : "libmscordaccore.so";
            var path = runtimeFolder is null ? file : Path.Combine(runtimeFolder, file);
            if (runtimeFolder is null || !File.Exists(path))
            {
                throw new ProfilingUnavailableException(
                    "The runtime's data-access library",
                    $"a heap snapshot reads the heap with {file}, which is not in the runtime's folder ({runtimeFolder ?? "unknown: the app is published as a single file"}). It ships with the shared runtime; a self-contained or trimmed app may have left it out.");
            }

            return path;
        }

        private static void WriteDump(int processId, string path)
        {
            var disabled = DiagnosticsDisabledBy();
            try
            {
                new DiagnosticsClient(processId).WriteDump(DumpType.WithHeap, path, logDumpGeneration: false);
            }
            catch (Exception e) when (e is ServerNotAvailableException or ServerErrorException or UnsupportedCommandException or TimeoutException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                throw new ProfilingUnavailableException(
                    "The diagnostics port",
                    $"a heap snapshot asks the runtime, through its diagnostics port, to write a dump of process {processId}, and that failed ({e.GetType().Name}: {e.Message})."
                    + (disabled is null ? " The port can be disabled with DOTNET_EnableDiagnostics=0; on Linux writing the dump also needs the runtime's createdump and permission to ptrace the process." : $" It is disabled here: {disabled}."),
                    e);
            }

            if (!File.Exists(path))
            {
                throw new ProfilingUnavailableException("The diagnostics port", $"the runtime reported writing a dump of process {processId} but no file appeared at {path}.");
            }
        }

        /// <summary>The environment variable that turned the diagnostics port off, if one did.</summary>
        private static string? DiagnosticsDisabledBy()
        {
            foreach (var prefix in new[] { "DOTNET_", "COMPlus_" })
            {
                foreach (var name in new[] { "EnableDiagnostics", "EnableDiagnostics_IPC" })
                {
                    if (Environment.GetEnvironmentVariable(prefix + name) == "0")
                    {
                        return prefix + name + "=0";
                    }
                }
            }

            return null;
        }

        private static List<HeapTypeStatistics> Walk(string dumpPath, string dac)
        {
            using var target = DataTarget.LoadDump(dumpPath);
            var clr = target.ClrVersions.FirstOrDefault()
                ?? throw new ProfilingUnavailableException("The runtime's data-access library", $"the dump at {dumpPath} holds no .NET runtime ClrMD can find.");
            // A minidump carries no runtime version for the data-access library to check, so the match is not verified.
            using var runtime = clr.CreateRuntime(dac, ignoreMismatch: true);
            var heap = runtime.Heap;
            if (!heap.CanWalkHeap)
            {
                throw new ProfilingUnavailableException("A walkable heap", "the dump was written in the middle of a collection; take the snapshot again.");
            }

            var byType = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
            foreach (var obj in heap.EnumerateObjects())
            {
                if (!obj.IsValid || obj.IsFree || obj.Type is null)
                {
                    continue;
                }

                var name = obj.Type.Name ?? "<unknown type>";
                byType.TryGetValue(name, out var sum);
                byType[name] = (sum.Count + 1, sum.Bytes + (long)obj.Size);
            }

            return byType
                .Select(p => new HeapTypeStatistics(p.Key, p.Value.Count, p.Value.Bytes))
                .OrderByDescending(t => t.Bytes)
                .ThenBy(t => t.TypeName, StringComparer.Ordinal)
                .ToList();
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
