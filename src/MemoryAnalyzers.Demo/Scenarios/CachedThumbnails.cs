using System;
using System.Collections.Generic;

// MEM016: a static cache gets an entry for every new path and never loses one.
public static class Thumbnails
{
    private static readonly Dictionary<string, byte[]> s_cache = new Dictionary<string, byte[]>();

    public static byte[] For(string path)
    {
        if (!s_cache.TryGetValue(path, out var thumbnail))
        {
            thumbnail = new byte[256];
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
