using System;

// MEM014: a checksum kept in a field, loaded and stored on every byte.
public sealed class Checksum
{
    private uint _sum;

    public uint Add(byte[] data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            _sum += data[i];
        }

        return _sum;
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var data = new byte[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = (byte)i;
        }

        var checksum = new Checksum();
        uint total = 0;
        for (var round = 0; round < 20; round++)
        {
            total += checksum.Add(data);
        }

        return total;
    }
}
