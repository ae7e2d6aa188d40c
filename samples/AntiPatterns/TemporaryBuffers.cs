using System;
using System.IO;
using System.Text;

namespace AntiPatterns
{
    /// <summary>MEM012: temporary arrays that reach the large object heap, or that are allocated afresh on every iteration.</summary>
    public static class TemporaryBuffers
    {
        public static long Copy(Stream input, Stream output)
        {
            var buffer = new byte[1024 * 1024]; // MEM012
            long total = 0;
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                total += read;
            }

            return total;
        }

        public static long CopyInChunks(Stream input, Stream output, int chunkSize)
        {
            var buffer = new byte[Math.Max(chunkSize, 128 * 1024)]; // MEM012
            long total = 0;
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                total += read;
            }

            return total;
        }

        public static int CountLines(Stream[] inputs)
        {
            var lines = 0;
            foreach (var input in inputs)
            {
                var chunk = new byte[4096]; // MEM012
                var read = input.Read(chunk, 0, chunk.Length);
                lines += Encoding.UTF8.GetString(chunk, 0, read).Split('\n').Length;
            }

            return lines;
        }
    }
}
