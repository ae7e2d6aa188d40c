using System;

// MEM001: a report built by += in a loop. Each += copies everything built so far.
public static class Scenario
{
    public static object Run(int n)
    {
        string report = "";
        for (int i = 0; i < n; i++)
        {
            report += "item " + i + ", ";
        }

        return report.Length;
    }
}
