using System;
using System.Collections.Generic;

// MEM010: a forced collection in the middle of a request promotes everything the request still holds.
public static class RequestHandler
{
    public static List<string> Handle(int n)
    {
        var results = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            results.Add("item " + i);
        }

        // Tidy up before answering.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return results;
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var results = RequestHandler.Handle(n);

        // Where did the request's objects end up? Objects in gen2 are freed only by a full collection.
        return new Func<bool>(() => GC.GetGeneration(results[0]) == GC.MaxGeneration);
    }
}
