using System;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode
{
    /// <summary>Locks released in a finally on every path: MEM005 must leave them alone.</summary>
    public sealed class Locks : IDisposable
    {
        private readonly object _gate = new object();
        private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
        private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
        private int _count;

        public void LockStatement()
        {
            lock (_gate)
            {
                _count++;
            }
        }

        public void MonitorWithTaken()
        {
            var taken = false;
            try
            {
                Monitor.Enter(_gate, ref taken);
                _count++;
            }
            finally
            {
                if (taken)
                {
                    Monitor.Exit(_gate);
                }
            }
        }

        public bool TryEnterWithTimeout()
        {
            if (!Monitor.TryEnter(_gate, TimeSpan.FromMilliseconds(10)))
            {
                return false;
            }

            try
            {
                _count++;
                return true;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        public async Task SemaphoreAsync(CancellationToken token)
        {
            await _semaphore.WaitAsync(token).ConfigureAwait(false);
            try
            {
                _count++;
            }
            finally
            {
                _semaphore.Release();
            }
        }

        public bool SemaphoreWithTimeout()
        {
            if (!_semaphore.Wait(10))
            {
                return false;
            }

            try
            {
                _count++;
                return true;
            }
            finally
            {
                _semaphore.Release();
            }
        }

        public int Read()
        {
            _rw.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _rw.ExitReadLock();
            }
        }

        public void Upgrade()
        {
            _rw.EnterUpgradeableReadLock();
            try
            {
                _rw.EnterWriteLock();
                try
                {
                    _count++;
                }
                finally
                {
                    _rw.ExitWriteLock();
                }
            }
            finally
            {
                _rw.ExitUpgradeableReadLock();
            }
        }

        /// <summary>A lock held across calls: acquired here, released by <see cref="EndBatch"/>.</summary>
        public void BeginBatch() => Monitor.Enter(_gate);

        public void EndBatch() => Monitor.Exit(_gate);

        /// <summary>A semaphore used as a signal: released by producers, awaited by consumers.</summary>
        public void Signal() => _semaphore.Release();

        public void Dispose()
        {
            _semaphore.Dispose();
            _rw.Dispose();
        }
    }
}
