using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ValidCode
{
    /// <summary>Subscribes to a static event and removes the same handler when it is disposed.</summary>
    public sealed class CancellableView : IDisposable
    {
        private readonly EventHandler _onExit;
        private int _events;

        public CancellableView()
        {
            Console.CancelKeyPress += OnCancel;
            _onExit = (sender, e) => _events++;
            AppDomain.CurrentDomain.ProcessExit += _onExit;
        }

        public int Events => _events;

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            AppDomain.CurrentDomain.ProcessExit -= _onExit;
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e) => _events++;
    }

    /// <summary>Process-wide hooks registered once, by static code, with static handlers.</summary>
    public static class ProcessHooks
    {
        private static int s_exits;

        static ProcessHooks()
        {
            AppDomain.CurrentDomain.ProcessExit += (sender, e) => s_exits++;
        }

        public static void Install() => Console.CancelKeyPress += OnCancel;

        public static int Exits => s_exits;

        private static void OnCancel(object? sender, ConsoleCancelEventArgs e) => s_exits++;
    }

    /// <summary>A subscriber to a publisher it was given: the publisher's lifetime is the caller's business.</summary>
    public sealed class Listener
    {
        private int _count;

        public Listener(Publisher publisher) => publisher.Changed += (sender, e) => _count++;

        public int Count => _count;
    }

    public sealed class Publisher
    {
        public event EventHandler? Changed;

        public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Static caches whose size the program bounds, or that are trimmed.</summary>
    public static class BoundedCaches
    {
        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> s_properties = new();
        private static readonly ConcurrentDictionary<(Type, bool), string> s_names = new();
        private static readonly ConditionalWeakTable<object, string> s_labels = new();
        private static readonly Dictionary<string, string> s_registered = new();
        private static readonly ConcurrentDictionary<string, byte[]> s_recent = new();

        public static PropertyInfo[] Properties(Type type) => s_properties.GetOrAdd(type, t => t.GetProperties());

        public static string Name(Type type, bool full) => s_names.GetOrAdd((type, full), key => key.Item2 ? key.Item1.FullName ?? "" : key.Item1.Name);

        public static string Label(object owner) => s_labels.GetValue(owner, o => o.ToString() ?? "");

        /// <summary>A table the program fills on purpose: keys are written, never looked up here.</summary>
        public static void Register(string extension, string mimeType) => s_registered[extension] = mimeType;

        public static string? MimeType(string extension) => s_registered.TryGetValue(extension, out var type) ? type : null;

        public static byte[] Recent(string key)
        {
            var value = s_recent.GetOrAdd(key, k => new byte[k.Length]);
            if (s_recent.Count > 1024)
            {
                s_recent.Clear();
            }

            return value;
        }
    }
}
