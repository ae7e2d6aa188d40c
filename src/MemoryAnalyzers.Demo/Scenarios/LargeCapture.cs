using System;

// MEM002: a callback kept for later captures a whole buffer only to report its size.
public static class Scenario
{
    private static Func<int> s_size = () => 0;

    public static object Run(int n)
    {
        var buffer = new byte[n];
        buffer[0] = 42;
        s_size = () => buffer.Length;

        // After the run: is the buffer still reachable from the callback?
        return new WeakReference(buffer);
    }

    public static int Size() => s_size();
}
