using System.Collections.Generic;

// MEM017: a dictionary with three fixed keys, built for each person and read back with the same keys.
public static class Scenario
{
    public static object Run(int n)
    {
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            total += Score("Ada", i, i / 2.0);
        }

        return total;
    }

    private static double Score(string name, int age, double score)
    {
        var person = new Dictionary<string, object> { ["name"] = name, ["age"] = age, ["score"] = score };
        return ((string)person["name"]).Length + (int)person["age"] + (double)person["score"];
    }
}
