using System;
using System.Threading;

// MEM005: a semaphore released only on the success path stays taken after an exception.
public sealed class Counter
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private long _total;

    public bool IsHeld => _gate.CurrentCount == 0;

    public void Add(int value)
    {
        _gate.Wait();
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value));
        }

        _total += value;
        _gate.Release();
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var counter = new Counter();
        for (var i = 0; i < n; i++)
        {
            counter.Add(i);
        }

        try
        {
            counter.Add(-1); // one bad value, handled by the caller
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        // Is the semaphore still taken? Every later Add would then wait forever.
        return new Func<bool>(() => counter.IsHeld);
    }
}
