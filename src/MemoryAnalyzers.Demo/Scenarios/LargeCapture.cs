using System;

// MEM002: a callback kept for later captures a whole buffer only to read its first byte.
public static class Scenario
{
    private static Func<int> s_header = () => 0;

    public static object Run(int n)
    {
        var buffer = new byte[n];
        buffer[0] = 42;
        s_header = () => buffer[0];

        // After the run: is the buffer still reachable from the callback?
        return new WeakReference(buffer);
    }

    public static int Header() => s_header();
}
