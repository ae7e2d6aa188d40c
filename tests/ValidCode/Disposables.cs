using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode
{
    /// <summary>Disposables that are disposed, or whose ownership leaves the method: MEM004 must leave them alone.</summary>
    public static class DisposedLocals
    {
        public static string ReadAll(string path)
        {
            using var reader = new StreamReader(path);
            return reader.ReadToEnd();
        }

        public static int FirstByte(string path)
        {
            using (var stream = File.OpenRead(path))
            {
                return stream.ReadByte();
            }
        }

        public static async Task<int> FirstByteAsync(string path)
        {
            await using var stream = File.OpenRead(path);
            var buffer = new byte[1];
            return await stream.ReadAsync(buffer).ConfigureAwait(false);
        }

        public static void TryFinally(string path)
        {
            var stream = File.OpenWrite(path);
            try
            {
                stream.WriteByte(1);
            }
            finally
            {
                stream.Dispose();
            }
        }

        public static void ConditionalDisposeInFinally(string path, bool leaveOpen)
        {
            var stream = File.OpenRead(path);
            try
            {
                stream.ReadByte();
            }
            finally
            {
                if (!leaveOpen)
                {
                    stream.Dispose();
                }
            }
        }

        public static void UsingAnExistingLocal(string path)
        {
            var writer = File.CreateText(path);
            using (writer)
            {
                writer.WriteLine("x");
            }
        }

        public static int Enumerate(IEnumerable<int> numbers)
        {
            var total = 0;
            using (var enumerator = numbers.GetEnumerator())
            {
                while (enumerator.MoveNext())
                {
                    total += enumerator.Current;
                }
            }

            return total;
        }

        public static int ExitCode(string fileName)
        {
            using var process = Process.Start(fileName);
            process.WaitForExit();
            return process.ExitCode;
        }

        public static int Execute(DbConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>Ownership handed over: returned, stored, wrapped, captured or given to a caller.</summary>
    public sealed class OwnershipTransfers : IDisposable
    {
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private Stream? _current;

        public static Stream Open(string path)
        {
            var stream = File.OpenRead(path);
            return stream;
        }

        public static Stream OpenExpression(string path) => File.OpenRead(path);

        public static IEnumerable<Stream> OpenAll(IEnumerable<string> paths)
        {
            foreach (var path in paths)
            {
                var stream = File.OpenRead(path);
                yield return stream;
            }
        }

        public static bool TryOpen(string path, out Stream? stream)
        {
            var opened = File.OpenRead(path);
            stream = opened;
            return true;
        }

        public static StreamReader Wrap(string path)
        {
            var stream = File.OpenRead(path);
            return new StreamReader(stream);
        }

        public static string Decompress(string path)
        {
            var file = File.OpenRead(path);
            using var zip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(zip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        public void Keep(string path)
        {
            var stream = File.OpenRead(path);
            _current?.Dispose();
            _current = stream;
        }

        public void Track(string path)
        {
            var stream = File.OpenRead(path);
            _owned.Add(stream);
        }

        public static Func<int> Later(string path)
        {
            var stream = File.OpenRead(path);
            return () =>
            {
                using (stream)
                {
                    return stream.ReadByte();
                }
            };
        }

        public static Task<string> Download(Uri uri)
        {
            var client = new HttpClient();
            return Run(client, uri);

            static async Task<string> Run(HttpClient owned, Uri address)
            {
                using (owned)
                {
                    return await owned.GetStringAsync(address).ConfigureAwait(false);
                }
            }
        }

        public void Dispose()
        {
            _current?.Dispose();
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }
        }
    }

    /// <summary>A reader over the caller's stream: disposing it would close the caller's stream.</summary>
    public static class BorrowedStreams
    {
        public static string ReadRest(Stream input)
        {
            var reader = new StreamReader(input);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Objects whose Dispose releases nothing, and objects this method did not create.</summary>
    public static class NothingToRelease
    {
        public static byte[] Buffer()
        {
            var memory = new MemoryStream();
            memory.WriteByte(1);
            return memory.ToArray();
        }

        public static string Text()
        {
            var writer = new StringWriter();
            writer.Write(42);
            var reader = new StringReader(writer.ToString());
            return reader.ReadToEnd();
        }

        public static Task Started() => Task.Run(() => { });

        public static int Current()
        {
            var process = Process.GetCurrentProcess();
            return process.Id;
        }

        public static int Count(List<int> items)
        {
            var enumerator = items.GetEnumerator();
            var count = 0;
            while (enumerator.MoveNext())
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Project types whose Dispose releases nothing but managed memory: silent by default.</summary>
    public sealed class ExtraFields : IDisposable
    {
        private MemoryStream? _buffer = new MemoryStream();

        public ExtraFields(byte[] data) => _buffer?.Write(data, 0, data.Length);

        public void Dispose()
        {
            _buffer?.Dispose();
            _buffer = null;
        }
    }

    public sealed class DisposeFlag : IDisposable
    {
        public bool IsDisposed { get; private set; }

        public void Dispose() => IsDisposed = true;
    }

    public sealed class EmptyStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => 0;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => 0;

        public override long Seek(long offset, SeekOrigin origin) => 0;

        public override void SetLength(long value)
        {
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
        }
    }

    /// <summary>The no-leak shapes of the ownership model.</summary>
    public sealed class OwnershipModel : IDisposable
    {
        private static readonly object Gate = new object();
        private Stream? _cached;
        private Stream? _published;

        public static int Sizes(byte[] data, List<int> items)
        {
            var extra = new ExtraFields(data);
            var flag = new DisposeFlag();
            var empty = new EmptyStream();
            var cancellation = new CancellationTokenSource();
            cancellation.Cancel();
            var positives = items.Where(item => item > 0).GetEnumerator();
            positives.MoveNext();
            return data.Length + (flag.IsDisposed ? 1 : 0) + (int)empty.Length + extra.GetHashCode();
        }

        /// <summary>A factory that hands out a cached object: the caller owns nothing.</summary>
        public Stream Shared(string path) => _cached ??= File.OpenRead(path);

        public int ReadShared(string path)
        {
            var stream = Shared(path);
            return stream.ReadByte();
        }

        /// <summary>Published with CompareExchange; the loser disposes its copy.</summary>
        public Stream Publish(string path)
        {
            var created = File.OpenRead(path);
            if (Interlocked.CompareExchange(ref _published, created, null) is { } existing)
            {
                created.Dispose();
                return existing;
            }

            return created;
        }

        /// <summary>Disposed by a project helper in a finally.</summary>
        public static int ReadAndRelease(string path)
        {
            var stream = File.OpenRead(path);
            try
            {
                return stream.ReadByte();
            }
            finally
            {
                stream.Release();
            }
        }

        /// <summary>A reader over the caller's stream, used once.</summary>
        public static string ReadAll(Stream input) => new StreamReader(input).ReadToEnd();

        /// <summary>A hash over a stream that is disposed by using.</summary>
        public static byte[] Hash(string path)
        {
            using var stream = File.OpenRead(path);
            return SHA256.HashData(stream);
        }

        /// <summary>Handed to the console, which keeps it.</summary>
        public static void Redirect(string path)
        {
            lock (Gate)
            {
                var writer = new StreamWriter(path);
                Console.SetOut(writer);
            }
        }

        public void Dispose()
        {
            _cached?.Dispose();
            _published?.Dispose();
        }
    }

    public static class DisposableHelpers
    {
        /// <summary>A project helper that disposes its argument: calling it counts as disposal.</summary>
        public static void Release(this IDisposable? disposable) => disposable?.Dispose();
    }
}
