using System.IO;

// MEM012: a copy helper with a 1 MiB buffer. Every call allocates the buffer again, on the large object heap,
// which only a full (gen2) collection cleans up.
public static class Copier
{
    public static long Copy(Stream input, Stream output)
    {
        var buffer = new byte[1024 * 1024];
        long total = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            total += read;
        }

        return total;
    }
}

public static class Scenario
{
    public static object Run(int n)
    {
        var message = new byte[256];
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            using var input = new MemoryStream(message);
            total += Copier.Copy(input, Stream.Null);
        }

        return total;
    }
}
