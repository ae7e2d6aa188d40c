using System;
using System.Collections.Generic;

// MEM013: the same five status codes rebuilt as a List on every call, and a Tuple for a pair that is only read.
public static class StatusCodes
{
    public static bool IsSuccess(int code)
    {
        var codes = new List<int> { 200, 201, 202, 204, 206 };
        return codes.Contains(code);
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var successes = 0;
        for (var i = 0; i < n; i++)
        {
            var probe = Tuple.Create(200 + (i % 10), i);
            if (StatusCodes.IsSuccess(probe.Item1))
            {
                successes++;
            }
        }

        return successes;
    }
}
