using System;
using System.IO;

// MEM004: a StreamReader that is never disposed keeps its file open until a finalizer happens to run.
public static class Scenario
{
    public static object Run(int n)
    {
        var path = Path.Combine(Path.GetTempPath(), "mem004-" + Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllText(path, "2026-11-28 INFO started\n2026-11-28 INFO done\n");
        var total = 0;
        for (var i = 0; i < n; i++)
        {
            total += FirstLineLength(path);
        }

        // Asked right after the work: is the file still open somewhere?
        return new Func<bool>(() => Probe.IsStillOpen(path));
    }

    private static int FirstLineLength(string path)
    {
        var reader = new StreamReader(path);
        var line = reader.ReadLine();
        return line?.Length ?? 0;
    }
}

public static class Probe
{
    /// <summary>True when another handle still holds the file: an exclusive open fails.</summary>
    public static bool IsStillOpen(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }

            File.Delete(path);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
