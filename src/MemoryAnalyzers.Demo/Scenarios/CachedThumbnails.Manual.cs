using System;
using System.Collections.Generic;

// MEM016, rewritten by hand as its docs page recommends: the cache is bounded.
public static class Thumbnails
{
    private const int Capacity = 1_000;
    private static readonly Dictionary<string, byte[]> s_cache = new Dictionary<string, byte[]>();

    public static byte[] For(string path)
    {
        if (!s_cache.TryGetValue(path, out var thumbnail))
        {
            thumbnail = new byte[256];
            if (s_cache.Count >= Capacity)
            {
                s_cache.Clear(); // bounded: never more than Capacity thumbnails
            }

            s_cache[path] = thumbnail;
        }

        return thumbnail;
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var first = Thumbnails.For("first-" + n);
        for (var i = 0; i < n; i++)
        {
            Thumbnails.For("photo-" + n + "-" + i);
        }

        // After n more paths: does the cache still hold the first thumbnail?
        return new WeakReference(first);
    }
}
