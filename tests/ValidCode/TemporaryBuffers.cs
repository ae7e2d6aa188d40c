using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;

namespace ValidCode
{
    /// <summary>MEM012 look-alikes: arrays that are small, kept, returned, or already pooled.</summary>
    public sealed class TemporaryBuffers
    {
        private readonly byte[] _reused = new byte[100_000];
        private readonly List<byte[]> _chunks = new List<byte[]>();

        public long CopyWithPool(Stream input, Stream output)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(100_000);
            try
            {
                long total = 0;
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    output.Write(buffer, 0, read);
                    total += read;
                }

                return total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public int ReadIntoField(Stream input) => input.Read(_reused, 0, _reused.Length);

        public byte[] ReadAll(Stream input)
        {
            var all = new byte[input.Length];
            input.ReadExactly(all, 0, all.Length);
            return all;
        }

        public void KeepChunks(Stream input, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var chunk = new byte[4096];
                input.ReadExactly(chunk, 0, chunk.Length);
                _chunks.Add(chunk);
            }
        }

        public int SmallScratch(Stream input)
        {
            var header = new byte[16];
            return input.Read(header, 0, header.Length);
        }

        public int UpToALimit(Stream input, int length)
        {
            if (length > 100_000)
            {
                return 0;
            }

            var limited = new byte[length];
            var capped = new byte[Math.Min(length, 200_000)];
            return input.Read(limited, 0, limited.Length) + input.Read(capped, 0, capped.Length);
        }

        public int GuardedAfterwards(Stream input, int length)
        {
            var early = new byte[length];
            var read = input.Read(early, 0, early.Length);
            if (length < 100_000)
            {
                return read;
            }

            return read + 1;
        }

        public int FirstPassOnly(Stream input, int count)
        {
            byte[]? scratch = null;
            var total = 0;
            for (var i = 0; i < count; i++)
            {
                if (scratch == null)
                {
                    scratch = new byte[256];
                }

                total += input.Read(scratch, 0, scratch.Length);
            }

            return total;
        }
    }
}
