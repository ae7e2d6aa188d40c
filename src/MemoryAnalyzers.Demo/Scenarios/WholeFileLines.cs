using System;
using System.IO;

// MEM007: File.ReadAllLines holds every line of the file in memory to look at each once.
public static class Scenario
{
    public static object Run(int n)
    {
        var path = Path.Combine(Path.GetTempPath(), "mem007-" + Guid.NewGuid().ToString("N") + ".log");
        // The file is written without a string per line, so that what the measurement sees is the reading.
        Span<char> digits = stackalloc char[11];
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < n; i++)
            {
                writer.Write(i % 10 == 0 ? "ERROR " : "INFO  ");
                i.TryFormat(digits, out var length);
                writer.WriteLine(digits[..length]);
            }
        }

        var errors = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("ERROR", StringComparison.Ordinal))
            {
                errors++;
            }
        }

        File.Delete(path);
        return errors;
    }
}
