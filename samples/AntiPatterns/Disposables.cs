using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AntiPatterns
{
    /// <summary>MEM004: disposables that are created and never disposed, or disposed only when nothing throws.</summary>
    public static class Disposables
    {
        public static string FirstLine(string path)
        {
            var reader = new StreamReader(path); // MEM004
            return reader.ReadLine() ?? "";
        }

        public static void Append(string path, string line)
        {
            var writer = File.AppendText(path); // MEM004
            writer.WriteLine(line);
            writer.Dispose();
        }

        public static async Task<int> FirstByteAsync(string path)
        {
            var stream = File.OpenRead(path); // MEM004
            var buffer = new byte[1];
            var read = await stream.ReadAsync(buffer);
            return read == 0 ? -1 : buffer[0];
        }

        public static long Size(string path)
        {
            return File.OpenRead(path).Length; // MEM004
        }

        public static int FirstByteUnlessEmpty(string path)
        {
            var stream = File.OpenRead(path); // MEM004
            if (stream.Length == 0)
            {
                return -1; // this path skips the Close below
            }

            var first = stream.ReadByte();
            stream.Close();
            return first;
        }

        public static bool WorkSucceeds(Action<Action<Exception?>> startWork)
        {
            Exception? failure = null;
            var done = new ManualResetEvent(false); // MEM004
            startWork(error => { failure = error; done.Set(); });
            done.WaitOne();
            return failure is null;
        }

        public static void Run(string path)
        {
            var file = Path.Combine(Path.GetTempPath(), Path.GetFileName(path) + ".copy");
            Append(file, "copied");
            Console.WriteLine(FirstLine(file));
            Console.WriteLine(FirstByteAsync(file).GetAwaiter().GetResult());
            Console.WriteLine(Size(file) + FirstByteUnlessEmpty(file));
            Console.WriteLine(WorkSucceeds(callback => callback(null)));
            File.Delete(file);
        }
    }
}
