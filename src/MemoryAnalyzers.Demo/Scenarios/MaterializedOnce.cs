using System.Linq;

// MEM006: ToList() copies every element into a new list that is read once and dropped.
public static class Scenario
{
    public static object Run(int n)
    {
        long total = 0;
        foreach (var value in Enumerable.Range(0, n).Select(i => i * 3).ToList())
        {
            total += value;
        }

        return total;
    }
}
