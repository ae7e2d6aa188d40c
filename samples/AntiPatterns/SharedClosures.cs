using System;
using System.Threading.Tasks;

namespace AntiPatterns
{
    /// <summary>MEM003: a long-lived delegate shares a closure object with a lambda that captures a large array.</summary>
    public sealed class SharedClosures
    {
        private Action _onStop = () => { };
        private Func<int> _status = () => 0;
        private int _state;

        private static int Crc(byte[] data)
        {
            var crc = 0;
            foreach (var b in data)
            {
                crc = (crc * 31) + b;
            }

            return crc;
        }

        public async Task<int> Start(byte[] payload)
        {
            int size = payload.Length;
            var checksum = Task.Run(() => Crc(payload));
            _onStop = () => Console.WriteLine("stopped after " + size + " bytes"); // MEM003
            return await checksum;
        }

        public void Track(byte[] payload)
        {
            Console.WriteLine(Array.Find(payload, b => b > payload.Length / 2));
            _status = () => _state; // MEM003
        }

        public void Stop() => _onStop();

        public int Status() => _status();

        public void Touch() => _state++;
    }
}
