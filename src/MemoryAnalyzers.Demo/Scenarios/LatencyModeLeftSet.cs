using System;
using System.Runtime;

// MEM011: a latency mode changed for an import and put back only when the import succeeds.
public static class Importer
{
    public static long Import(int[] rows)
    {
        var previous = GCSettings.LatencyMode;
        long total = 0;
        GCSettings.LatencyMode = GCLatencyMode.LowLatency;
        foreach (var row in rows)
        {
            if (row < 0)
            {
                throw new FormatException("bad row");
            }

            total += row;
        }

        GCSettings.LatencyMode = previous;
        return total;
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var before = GCSettings.LatencyMode;
        var rows = new int[n];
        Importer.Import(rows);
        rows[n - 1] = -1;
        try
        {
            Importer.Import(rows); // one bad file, handled by the caller
        }
        catch (FormatException)
        {
        }

        // Is the whole process still in LowLatency, with full collections held back? (The demonstration then puts it back.)
        var leftChanged = GCSettings.LatencyMode != before;
        GCSettings.LatencyMode = before;
        return new Func<bool>(() => leftChanged);
    }
}
