using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace ValidCode
{
    /// <summary>Whole-file reads that MEM009 must leave alone: the content is streamed, kept, parsed, searched or measured.</summary>
    public static class WholeFileScans
    {
        public static int NewLines(string path)
        {
            var count = 0;
            using var reader = new StreamReader(path);
            var buffer = new char[4096];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                count += buffer.AsSpan(0, read).Count('\n');
            }

            return count;
        }

        public static async Task<bool> IsBinaryAsync(string path)
        {
            await using var stream = File.OpenRead(path);
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                if (buffer.AsSpan(0, read).Contains((byte)0))
                {
                    return true;
                }
            }

            return false;
        }

        public static Dictionary<string, int>? Settings(string path)
            => JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path));

        public static bool MentionsError(string path) => File.ReadAllText(path).Contains("ERROR", StringComparison.Ordinal);

        public static string Decode(string path) => Encoding.Latin1.GetString(File.ReadAllBytes(path));

        public static void Backup(string path) => File.WriteAllBytes(path + ".bak", File.ReadAllBytes(path));

        public static byte[] Header(string path)
        {
            var data = File.ReadAllBytes(path);
            return data.Length < 16 ? data : data[..16];
        }

        public static string Summary(string path)
        {
            var text = File.ReadAllText(path);
            var words = text.Split(' ').Count(w => w.Length > 0);
            return $"{words} words in {text.Length} characters";
        }

        public static HashSet<string> Vocabulary(string path)
            => File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        public static string[] SortedWords(string path)
            => File.ReadAllText(path).Split(' ').OrderBy(w => w, StringComparer.Ordinal).ToArray();

        public static long Size(string path) => File.ReadAllBytes(path).LongCount();

        public static void Normalise(string path)
        {
            foreach (var word in File.ReadAllText(path).Split(' '))
            {
                File.AppendAllText(path + ".words", word + Environment.NewLine);
            }
        }
    }
}
