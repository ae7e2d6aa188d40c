using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode
{
    /// <summary>Closures that MEM002 must leave alone: the delegate is short-lived or needs the whole object.</summary>
    public sealed class ClosuresOverLargeObjects
    {
        private Func<int> _size = () => 0;
        private Func<byte[]> _buffer = () => Array.Empty<byte>();

        public event EventHandler? Changed;

        public static int Total(int[] values) => values.Where(v => v > values.Length / 2).Sum();

        public static void PrintAll(List<string> lines) => lines.ForEach(line => Console.WriteLine(line + lines.Count));

        public static void Sort(int[] values, int[] weights) => Array.Sort(values, (a, b) => weights[a % weights.Length].CompareTo(weights[b % weights.Length]));

        public void RememberSnapshot(byte[] data)
        {
            var length = data.Length;
            _size = () => length;
        }

        public void KeepWholeBuffer(byte[] data)
        {
            _buffer = () => data;
        }

        public Func<int, byte> Indexer(byte[] data) => index => data[index];

        public Func<int> Checksum(byte[] data) => () => data.Sum(b => b);

        public Func<int> Loop(int[] values) => () =>
        {
            var total = 0;
            foreach (var value in values)
            {
                total += value;
            }

            return total;
        };

        public void Subscribe(Stream stream)
        {
            Changed += (sender, e) => stream.Flush();
        }

        public static int LocalDelegate(byte[] data)
        {
            Func<int> length = () => data.Length;
            return length();
        }

        public static Task<int> Background(CancellationToken token) => Task.Run(() => token.IsCancellationRequested ? 0 : 1, token);

        public Func<int> StaticLambda() => static () => 42;

        public int Size() => _size() + _buffer().Length;

        public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Closures that MEM003 must leave alone: nothing long-lived shares a closure with a large variable.</summary>
    public sealed class SeparateClosures
    {
        private Action _onStop = () => { };
        private Func<int> _status = () => 0;
        private int _state;

        private static int Crc(byte[] data) => data.Length;

        public async Task<int> Start(byte[] payload)
        {
            int size = payload.Length;
            Task<int> checksum;
            {
                var payloadCopy = payload;
                checksum = Task.Run(() => Crc(payloadCopy));
            }

            _onStop = () => Console.WriteLine(size);
            return await checksum;
        }

        public async Task<int> StartWithArgument(byte[] payload)
        {
            int size = payload.Length;
            var checksum = Task.Factory.StartNew(state => Crc((byte[])state!), payload);
            _onStop = () => Console.WriteLine(size);
            return await checksum;
        }

        public void PerIteration(byte[][] payloads)
        {
            foreach (var payload in payloads)
            {
                int size = payload.Length;
                Console.WriteLine(payloads.Count(p => p.Length == payload.Length));
                _status = () => size;
            }
        }

        public void OnlyThisWithInnerBlock(int length)
        {
            {
                var buffer = new byte[length];
                Console.WriteLine(buffer.Count(b => b == buffer.Length));
            }

            _status = () => _state;
        }

        public void EscapingUsesTheArrayItself(byte[] payload)
        {
            int size = payload.Length;
            Console.WriteLine(payload.Count(b => b < size));
            _status = () => Crc(payload) + size;
        }

        public void StaticLongLived(byte[] payload)
        {
            Console.WriteLine(payload.Count(b => b > payload.Length));
            _status = static () => 0;
        }

        public void Stop() => _onStop();

        public int Status() => _status() + _state++;
    }
}
