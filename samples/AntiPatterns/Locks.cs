using System;
using System.Threading;
using System.Threading.Tasks;

namespace AntiPatterns
{
    /// <summary>MEM005: locks released by a plain statement: an exception in between leaves them held.</summary>
    public sealed class Locks
    {
        private readonly object _gate = new object();
        private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
        private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
        private int _count;

        public void Increment()
        {
            Monitor.Enter(_gate); // MEM005
            _count++;
            Monitor.Exit(_gate);
        }

        public async Task IncrementAsync()
        {
            await _semaphore.WaitAsync(); // MEM005
            _count++;
            await Task.Yield();
            _semaphore.Release();
        }

        public int Read()
        {
            _rw.EnterReadLock(); // MEM005
            var value = _count;
            _rw.ExitReadLock();
            return value;
        }

        public static void Run()
        {
            var locks = new Locks();
            locks.Increment();
            locks.IncrementAsync().GetAwaiter().GetResult();
            Console.WriteLine(locks.Read());
        }
    }
}
