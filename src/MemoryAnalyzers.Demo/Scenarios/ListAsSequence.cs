using System.Collections.Generic;

// MEM008: a list is built only to be returned as a sequence; the caller stops early anyway.
public static class Scenario
{
    public static object Run(int n)
    {
        long total = 0;
        foreach (var value in Multiples(n, 7))
        {
            total += value;
            if (total > 1_000)
            {
                break;
            }
        }

        return total;
    }

    private static IEnumerable<int> Multiples(int count, int factor)
    {
        var result = new List<int>();
        for (var i = 0; i < count; i++)
        {
            result.Add(i * factor);
        }

        return result;
    }
}
