using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AntiPatterns
{
    /// <summary>MEM002: a long-lived delegate captures a whole array or list to read one small part of it.</summary>
    public sealed class LargeClosureCaptures
    {
        private Func<int> _size = () => 0;

        public event EventHandler? Stopped;

        public static Func<int> FirstByte(int length)
        {
            var buffer = new byte[length];
            buffer[0] = 42;
            return () => buffer[0]; // MEM002
        }

        public void RememberSize(int length)
        {
            var buffer = new byte[length];
            _size = () => buffer.Length; // MEM002
        }

        public void OnStop(List<string> lines)
        {
            Stopped += (sender, e) => Console.WriteLine(lines.Count); // MEM002
        }

        public static Task LogLater(string document)
        {
            return Task.Run(() => Console.WriteLine(document.Length)); // MEM002
        }

        public static Func<string> LastLine(IReadOnlyList<string> lines) => () => lines.Last(); // MEM002

        public int Size() => _size();

        public void Stop() => Stopped?.Invoke(this, EventArgs.Empty);
    }
}
