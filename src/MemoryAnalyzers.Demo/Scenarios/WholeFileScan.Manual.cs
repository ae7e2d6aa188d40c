using System;
using System.IO;
using System.Linq;

// MEM009: the whole file is read into one string only to count its line breaks once.
public static class Scenario
{
    public static object Run(int n)
    {
        var path = Path.Combine(Path.GetTempPath(), "mem009-" + Guid.NewGuid().ToString("N") + ".log");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < n; i++)
            {
                writer.WriteLine("INFO  request served");
            }
        }

        var lineBreaks = 0;
        using (var reader = new StreamReader(path))
        {
            var buffer = new char[4096];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                lineBreaks += buffer.AsSpan(0, read).Count('\n');
            }
        }

        File.Delete(path);
        return lineBreaks;
    }
}
