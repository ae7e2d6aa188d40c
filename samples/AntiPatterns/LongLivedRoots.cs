using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace AntiPatterns
{
    /// <summary>MEM015: a view subscribes to a static event and never unsubscribes; the event keeps every view alive.</summary>
    public sealed class ReportView : IDisposable
    {
        private readonly byte[] _rows = new byte[64 * 1024];
        private int _cancelled;

        public ReportView()
        {
            Console.CancelKeyPress += OnCancel; // MEM015
            AppDomain.CurrentDomain.ProcessExit += (sender, e) => _cancelled++; // MEM015
        }

        public int Rows => _rows.Length;

        public void Dispose() => Array.Clear(_rows, 0, _rows.Length);

        private void OnCancel(object? sender, ConsoleCancelEventArgs e) => _cancelled++;
    }

    /// <summary>MEM016: static caches that get an entry per new key and never lose one.</summary>
    public static class Caches
    {
        private static readonly ConcurrentDictionary<string, byte[]> s_thumbnails = new(); // MEM016
        private static readonly Dictionary<string, string> s_normalized = new(); // MEM016
        private static readonly List<string> s_history = new(); // MEM016

        public static byte[] Thumbnail(string path) => s_thumbnails.GetOrAdd(path, p => new byte[p.Length * 16]);

        public static string Normalize(string name)
        {
            lock (s_normalized)
            {
                if (!s_normalized.TryGetValue(name, out var normalized))
                {
                    normalized = name.Trim().ToUpperInvariant();
                    s_normalized[name] = normalized;
                }

                return normalized;
            }
        }

        public static void Record(string query)
        {
            lock (s_history)
            {
                s_history.Add(query);
            }
        }
    }
}
