using System.Collections.Generic;
using System.Threading;

namespace ValidCode
{
    /// <summary>Fields that other code may look at while the loop runs, or that a loop sets without reading: MEM014 must leave them alone.</summary>
    public sealed class FieldsInLoops
    {
        private volatile int _seen;
        private long _total;
        private int _last;

        public long Sum(int[] values)
        {
            var total = _total;
            foreach (var value in values)
            {
                total += value;
                _seen += value;
                _last = value;
            }

            _total = total;
            return total;
        }

        public void Report(List<int> values)
        {
            foreach (var value in values)
            {
                _total += value;
                Print();
            }
        }

        public void Conditional(int[] values)
        {
            foreach (var value in values)
            {
                if (value > _last)
                {
                    _total += value;
                }
            }
        }

        private void Print() => System.Console.WriteLine(_total + _last);
    }

    /// <summary>A type that shares its counters across threads (it takes a lock) is left alone.</summary>
    public sealed class SharedCounter
    {
        private readonly object _gate = new object();
        private int _count;

        public void AddAll(int[] values)
        {
            foreach (var value in values)
            {
                _count += value;
            }
        }

        public int Read()
        {
            lock (_gate)
            {
                return _count;
            }
        }

        public void Increment() => Interlocked.Increment(ref _count);
    }
}
