using System;
using System.Threading.Tasks;

// MEM003: a handler kept for later shares its closure object with a short-lived lambda that uses a large payload.
public static class Scenario
{
    private static Action s_onStop = () => { };

    public static object Run(int n)
    {
        var payload = new byte[n];
        int size = payload.Length;
        var checksum = Task.Run(() => Checksum(payload));
        s_onStop = () => Console.WriteLine("stopped after " + size + " bytes");
        checksum.Wait();

        // After the run: does the handler keep the payload alive?
        return new WeakReference(payload);
    }

    public static void Stop() => s_onStop();

    private static int Checksum(byte[] data)
    {
        var sum = 0;
        foreach (var b in data)
        {
            sum = (sum * 31) + b;
        }

        return sum;
    }
}
